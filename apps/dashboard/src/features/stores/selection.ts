/** Which stores of the list are ticked, and how to tick one; absent for viewers, who get no bulk actions. */
export interface Selection {
  selected: ReadonlySet<string>;
  toggle: (name: string, on: boolean) => void;
}
