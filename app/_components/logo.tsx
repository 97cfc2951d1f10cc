/**
 * The portal's own mark: a drop of fuel with a leaf, in the brand colours (not Marianne, not the
 * State design system, which only State websites may use). Decorative: the name follows it in text.
 */
export function Logo({ size = 40 }: { size?: number }) {
  return (
    <svg aria-hidden="true" focusable="false" width={size} height={size} viewBox="0 0 32 32" className="shrink-0">
      <rect width="32" height="32" rx="7" fill="#123e6b" />
      <path d="M16 5c4.5 6 8 10 8 14a8 8 0 0 1-16 0c0-4 3.5-8 8-14z" fill="#fff" />
      <path d="M12 21c3-1 5.5-3.5 7-7-1 4.5-3.5 7.5-7 9z" fill="#1b6b2f" />
    </svg>
  );
}
