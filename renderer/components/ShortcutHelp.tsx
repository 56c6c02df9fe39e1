/** "?": the keyboard shortcuts. */
import { Dialog } from './Dialog.tsx';

const KEYS: [string, string][] = [
  ['Ctrl+K', 'Search'],
  ['Ctrl+O', 'Import capture'],
  ['g then o a e c l x s', 'Go to Overview, Alerts, Entities, Captures, Live, Exclusions, Settings'],
  ['↑ ↓ / j k', 'Move in a list'],
  ['Enter', 'Open'],
  ['Space', 'Select'],
  ['Esc', 'Back / close'],
  ['/', 'Focus the filter'],
  ['e', 'Close and exclude'],
  ['c', 'Close…'],
  ['r', 'Reopen'],
  ['Ctrl+Z', 'Undo the last triage'],
  ['[ ]', 'Previous / next alert'],
  ['w', 'Open in Wireshark'],
  ['?', 'This list'],
];

export function ShortcutHelp({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" open={open} onClose={onClose}>
      <table className="keys">
        <tbody>
          {KEYS.map(([k, v]) => (
            <tr key={k}>
              <td>
                <kbd>{k}</kbd>
              </td>
              <td>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
