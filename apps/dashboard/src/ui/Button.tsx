import type { ComponentProps } from 'react';

type Variant = 'primary' | 'secondary' | 'danger';

/**
 * The one button of the dashboard; `variant` says how much it matters (danger: it destroys something). A `ref`
 * reaches the button (to move the focus to it).
 */
export function Button({
  variant = 'secondary',
  className,
  type = 'button',
  ...props
}: ComponentProps<'button'> & { variant?: Variant }) {
  const classes = ['button', variant === 'secondary' ? '' : `button-${variant}`, className ?? ''];
  return <button type={type} className={classes.filter(Boolean).join(' ')} {...props} />;
}
