/**
 * Triage guides per detection, in our own words (after the reconnaissance tutorial the product
 * follows). Pure data: the renderer shows them beside the alert, the HTML report prints them.
 * Each question is answered Yes/No; a Yes suggests the action named in `suggest`.
 */
import type { DetectionId } from './common.ts';

export type Suggestion = 'close-and-exclude' | 'close-btp' | 'close-fp' | 'investigate';
export interface TriageGuide {
  benign: string;
  questions: { question: string; ifYes: string; suggest: Suggestion }[];
  scope: string;
  doNow: string[];
}

export const TRIAGE_GUIDES: Record<DetectionId, TriageGuide> = {
  '2003': {
    benign: 'Mail, HR and identity-sync servers, and old scripts that check which accounts still exist, ask the KDC about many names on purpose.',
    questions: [
      { question: 'Is the source a mail, HR or sync server, or another system whose job is to check accounts?', ifYes: 'Benign: close as B-TP and exclude the source for 2003.', suggest: 'close-and-exclude' },
      { question: 'Do the guessed names belong to another domain or realm?', ifYes: 'A misconfigured service (mail, chat, federation) is asking the wrong realm: fix its configuration and close as B-TP.', suggest: 'close-btp' },
      { question: 'Does a script on the source run with old credentials or an old list of users?', ifYes: 'Stop or fix the script, then close as B-TP.', suggest: 'close-btp' },
      { question: 'Do the unknown names look like former staff or disabled accounts?', ifYes: 'Probably a clean-up job: close as B-TP.', suggest: 'close-btp' },
    ],
    scope: 'Every matched name is now known to whoever ran the guesses: treat those accounts as targets for password guessing, sensitive ones first, and watch them.',
    doNow: [
      'Isolate the source computer and find the tool that sent the guesses; remove it.',
      'Find who was logged on to the source at the time; reset their passwords and require MFA.',
      'Require long passwords so that guessing the next step fails.',
    ],
  },
  '2007': {
    benign: 'Secondary DNS servers, IPAM tools and some security scanners transfer zones on purpose.',
    questions: [
      { question: 'Is the source a DNS server (a secondary for this zone)?', ifYes: 'False positive: mark it as a DNS server in Settings and close as FP.', suggest: 'close-fp' },
      { question: 'Is the source a scanner or IPAM tool that is meant to read zones?', ifYes: 'Benign: close as B-TP and exclude the source for 2007.', suggest: 'close-and-exclude' },
    ],
    scope: 'The source now holds a map of the zone: names, addresses and services. Look at what else the source did.',
    doNow: [
      'Isolate the source computer and remove the tool that asked for the transfer.',
      'Allow zone transfers only to the listed secondary servers.',
      'Reset the passwords of users logged on to the source at the time.',
    ],
  },
  '2012': {
    benign: 'Security scanners and admin tools run by administrators list SMB sessions on domain controllers.',
    questions: [
      { question: 'Is the source a security scanner or an admin tool meant to list sessions?', ifYes: 'Benign: close as B-TP and exclude the source for 2012.', suggest: 'close-and-exclude' },
      { question: 'Is the user who made the call an administrator who is expected to do this?', ifYes: 'Benign: close as B-TP.', suggest: 'close-btp' },
    ],
    scope: 'The source learned where each exposed user is logged on: look at the exposed users, sensitive ones first, and what happened on their computers next.',
    doNow: [
      'Isolate the source computer and remove the tool.',
      'Restrict who may enumerate sessions on domain controllers (harden the SrvsvcSessionInfo permissions).',
      'Reset the passwords of the user who made the call and of users logged on to the source.',
    ],
  },
  '2021': {
    benign: 'Administrators working from an admin workstation query users and groups over SAMR.',
    questions: [
      { question: 'Is the source an admin workstation or a management server that is meant to query the directory?', ifYes: 'Benign: close as B-TP and exclude the source for 2021.', suggest: 'close-and-exclude' },
      { question: 'Is the user an administrator who normally logs on to this computer and does this?', ifYes: 'Benign: close as B-TP.', suggest: 'close-btp' },
    ],
    scope: 'Check which queries succeeded and which sensitive groups and members came back: those accounts are now known targets.',
    doNow: [
      'Isolate the source computer and remove the tool.',
      "Reset the calling user's password and require MFA; check users logged on to the source at the time.",
      'Restrict remote calls to SAM by group policy to the administrators who need them.',
    ],
  },
};
