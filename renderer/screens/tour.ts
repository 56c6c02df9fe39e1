/** The guided tour's words (one step per detection) and whether it was closed before (localStorage). */
import type { DetectionId } from '../../main/api/contract.ts';

export const TOUR_STEPS: { id: DetectionId; title: string; plain: string }[] = [
  {
    id: '2003',
    title: 'Account enumeration (Kerberos)',
    plain:
      'A computer asked the domain controller about many user names, and too many of them do not exist. Someone is guessing account names to find the real ones: the names that do exist are now known to them.',
  },
  {
    id: '2007',
    title: 'Network mapping (DNS)',
    plain:
      'A computer that is not a DNS server asked for a copy of a whole DNS zone (a zone transfer). That copy is a map of the network: every name, address and service in the zone.',
  },
  {
    id: '2012',
    title: 'User and IP address reconnaissance (SMB)',
    plain:
      'A computer asked a domain controller which users are connected to it, and from which computers (the SMB session list). Attackers use it to find where administrators are logged on.',
  },
  {
    id: '2021',
    title: 'User and group membership reconnaissance (SAMR)',
    plain:
      'A computer asked a domain controller over SAMR for its users and groups, or for the members of admin groups, in a way it was not seen doing during the learning period. The sample is forensic evidence (no learning period), so any such query alerts.',
  },
];

const SEEN_KEY = 'reconlens.tourSeen';

export function tourSeen(): boolean {
  try {
    return localStorage.getItem(SEEN_KEY) === '1';
  } catch {
    return false;
  }
}

/** Once closed (or skipped), the tour never opens by itself again; Help › Tour still opens it. */
export function markTourSeen(): void {
  try {
    localStorage.setItem(SEEN_KEY, '1');
  } catch {
    // storage refused: the tour may be offered again, nothing worse
  }
}
