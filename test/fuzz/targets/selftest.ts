/**
 * Targets that misbehave on purpose (input byte 0 = 1): the harness's own test checks that an
 * exception, a hang and a heap blow-up are each caught, attributed to the right case, and that the
 * cases after them still run. Never part of a fuzz round.
 */
import type { Target } from './common.ts';

const kept: number[][] = [];

export const SELF_TEST_TARGETS: readonly Target[] = [
  {
    name: 'selftest-throw',
    generate: () => Buffer.from([0]),
    run(input) {
      if (input[0] === 1) throw new TypeError('deliberate');
      return 'ok';
    },
  },
  {
    name: 'selftest-hang',
    generate: () => Buffer.from([0]),
    run(input) {
      while (input[0] === 1) {}
      return 'ok';
    },
  },
  {
    name: 'selftest-memory',
    generate: () => Buffer.from([0]),
    run(input) {
      if (input[0] === 1) for (let i = 0; i < 14; i++) kept.push(new Array<number>(1 << 20).fill(i)); // ~112 MB kept
      if (input[0] === 2) {
        const grow: number[][] = [];
        for (;;) grow.push(new Array<number>(1 << 20).fill(1));
      }
      return 'ok';
    },
  },
];
