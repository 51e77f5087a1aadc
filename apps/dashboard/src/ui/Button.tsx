import type { ButtonHTMLAttributes } from 'react';

type Variant = 'primary' | 'secondary' | 'danger';

/** The one button of the dashboard; `variant` says how much it matters (danger: it destroys something). */
export function Button({
  variant = 'secondary',
  className,
  type = 'button',
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  const classes = ['button', variant === 'secondary' ? '' : `button-${variant}`, className ?? ''];
  return <button type={type} className={classes.filter(Boolean).join(' ')} {...props} />;
}
