import { useEffect, useRef, useState } from 'react';

import { Button } from '../../ui/Button.js';
import { Field } from '../../ui/Field.js';
import { TableScroll } from '../../ui/TableScroll.js';
import { productDraft, type ProductDraft, type Problems } from './proposal-draft.js';

export interface CatalogEditorProps {
  products: ProductDraft[];
  onChange: (products: ProductDraft[]) => void;
  /** What is wrong, by body path: `catalog.products` (the list) and `catalog.products.{index}.{field}`. */
  problems: Problems;
}

/** The most products a starter catalog holds (the contract's `storeCatalogSchema`). */
const mostProducts = 20;

/**
 * The starter catalog as a table to edit: each product's name, price and description, a product removed or one
 * added. The focus follows: to a new product's name, or after a removal to the name of the product now in its place.
 */
export function CatalogEditor({ products, onChange, problems }: CatalogEditorProps) {
  const names = useRef(new Map<number, HTMLInputElement>());
  const addButton = useRef<HTMLButtonElement>(null);
  // Which product's name to focus once the table shows it (null: the Add button, the table being empty).
  const [focusNext, setFocusNext] = useState<number | null>();
  useEffect(() => {
    if (focusNext === undefined) return;
    (focusNext === null ? addButton.current : names.current.get(focusNext))?.focus();
    setFocusNext(undefined);
  }, [focusNext]);

  const edit = (key: number, field: 'name' | 'price' | 'description', value: string) =>
    onChange(products.map((p) => (p.key === key ? { ...p, [field]: value } : p)));
  const remove = (index: number) => {
    const rest = products.filter((_, i) => i !== index);
    onChange(rest);
    setFocusNext(rest[Math.min(index, rest.length - 1)]?.key ?? null);
  };
  const add = () => {
    const added = productDraft();
    onChange([...products, added]);
    setFocusNext(added.key);
  };
  const problem = (index: number, field: string) => problems[`catalog.products.${index}.${field}`];

  return (
    <section aria-labelledby="catalog-heading">
      <h3 id="catalog-heading">Products</h3>
      <p className="muted">
        Loaded into the new store once. Prices in the store&apos;s currency, such as 12 or 12.50; 1 to{' '}
        {mostProducts} products.
      </p>
      <TableScroll label="Products">
        <table className="catalog" aria-labelledby="catalog-heading">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Price</th>
              <th scope="col">Description</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {products.map((product, index) => {
              const n = index + 1;
              return (
                <tr key={product.key}>
                  <td>
                    <Field label={`Product ${n} name`} hideLabel error={problem(index, 'name')}>
                      <input
                        ref={(input) => {
                          if (input) names.current.set(product.key, input);
                          else names.current.delete(product.key);
                        }}
                        value={product.name}
                        autoComplete="off"
                        onChange={(e) => edit(product.key, 'name', e.target.value)}
                      />
                    </Field>
                  </td>
                  <td>
                    <Field label={`Product ${n} price`} hideLabel error={problem(index, 'price')}>
                      <input
                        className="catalog-price"
                        value={product.price}
                        inputMode="decimal"
                        autoComplete="off"
                        onChange={(e) => edit(product.key, 'price', e.target.value)}
                      />
                    </Field>
                  </td>
                  <td>
                    <Field label={`Product ${n} description`} hideLabel error={problem(index, 'description')}>
                      <textarea
                        rows={2}
                        value={product.description}
                        onChange={(e) => edit(product.key, 'description', e.target.value)}
                      />
                    </Field>
                  </td>
                  <td>
                    <Button onClick={() => remove(index)}>
                      Remove<span className="visually-hidden"> product {n}</span>
                    </Button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>
      <p className="field-error" role={problems['catalog.products'] ? 'alert' : undefined}>
        {problems['catalog.products']}
      </p>
      <Button ref={addButton} onClick={add} disabled={products.length >= mostProducts}>
        Add a product
      </Button>
    </section>
  );
}
