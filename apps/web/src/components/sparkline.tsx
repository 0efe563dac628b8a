/**
 * A tiny inline SVG trend (no chart library: hundreds are on screen at once).
 * Gaps (null) break the line instead of pretending a value.
 */
export function Sparkline({
  values,
  width = 44,
  height = 16,
  className,
}: {
  values: (number | null)[] | undefined;
  width?: number;
  height?: number;
  className?: string;
}) {
  if (!values || values.every((v) => v === null)) {
    return <svg width={width} height={height} className={className} aria-hidden="true" />;
  }
  const nums = values.filter((v): v is number => v !== null);
  const min = Math.min(...nums);
  const max = Math.max(...nums);
  const span = max - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : width;
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v === null) {
      pen = false;
      return;
    }
    const x = (i * step).toFixed(1);
    const y = (
      height -
      2 -
      ((v - min) / span) * (height - 4) +
      (max === min ? -(height - 4) / 2 : 0)
    ).toFixed(1);
    d += `${pen ? 'L' : 'M'}${x},${y}`;
    pen = true;
  });
  return (
    <svg width={width} height={height} className={className} aria-hidden="true">
      <path
        d={d}
        fill="none"
        stroke="currentColor"
        strokeWidth="1.25"
        strokeLinejoin="round"
        strokeLinecap="round"
      />
    </svg>
  );
}
