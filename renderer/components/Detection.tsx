/** Detection IDs always travel with their fixed colour (UI.md §6). */
import { DETECTION_NAMES, type DetectionId } from '../../main/api/contract.ts';

export const DET_COLOR: Record<DetectionId, string> = { '2003': '#7b61ff', '2007': '#0e9aa7', '2012': '#d48806', '2021': '#d4477a' };

export function DetBadge({ id, long = false }: { id: DetectionId; long?: boolean }) {
  return (
    <span className="det" style={{ ['--det' as string]: DET_COLOR[id] }} title={DETECTION_NAMES[id]}>
      <span className="det-dot" aria-hidden="true" />
      {id}
      {long && <span className="det-name"> {DETECTION_NAMES[id]}</span>}
    </span>
  );
}
