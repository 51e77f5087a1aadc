/** The address a store of this name will have, `https://{name}.{baseDomain}`, under its name field. */
export function AddressPreview({ address }: { address: string | undefined }) {
  return (
    <p className="name-preview" data-testid="name-preview">
      {address ? (
        <>
          Its address: <strong>{address}</strong>
        </>
      ) : (
        <span className="muted">Its address will show here as you type.</span>
      )}
    </p>
  );
}
