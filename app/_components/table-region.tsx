/**
 * A wide table that scrolls inside its own box on a phone instead of widening the page. The box is
 * a named region that takes the focus (WCAG 2.1.1): keyboard users scroll it with the arrows,
 * screen readers announce what it holds. Wrapping a table is one line:
 *   <TableRegion label="Lignes de la demande"><table>…</table></TableRegion>
 *
 * For tables with actions in their rows, also give the table the class `table-cards` and each
 * <td> a `data-label` (its column name): below 48rem each row becomes a card, no button hides
 * off screen (app/globals.css).
 */
export function TableRegion({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className="table-region">
      {children}
    </div>
  );
}
