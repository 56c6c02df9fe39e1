/** The desktop shell follows a database switch: --db on the command line, and a restarted engine reopens the database open last. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { isEngineMessage } from '../../electron/engine-protocol.ts';
import { EngineSupervisor } from '../../electron/engine-supervisor.ts';
import { dbFlagFromArgv } from '../../electron/open-files.ts';
import { FakeChild } from './fakes.ts';

test('--db FILE and --db=FILE on the app command line; captures and switches around it are ignored', () => {
  assert.equal(dbFlagFromArgv(['--db', 'cases/acme.db', 'lab.pcapng'], '/home/ana'), join('/home/ana', 'cases/acme.db'));
  assert.equal(dbFlagFromArgv(['--no-sandbox', '--db=/data/b.db'], '/x'), '/data/b.db');
  assert.equal(dbFlagFromArgv(['lab.pcapng', '--db'], '/x'), undefined);
  assert.equal(dbFlagFromArgv(['--db', '--inspect'], '/x'), undefined);
  assert.equal(dbFlagFromArgv([], '/x'), undefined);
});

test('the engine says which database it opened; a crash restart forks on the database open last', async () => {
  assert.equal(isEngineMessage({ type: 'database', path: '/c/b.db' }), true);
  assert.equal(isEngineMessage({ type: 'database', path: 7 }), false);
  let dbPath = '/c/a.db';
  const forkedWith: string[] = [];
  const children: FakeChild[] = [];
  const sup = new EngineSupervisor({
    fork: () => {
      forkedWith.push(dbPath);
      const c = new FakeChild(() => 'ok');
      children.push(c);
      return c;
    },
    onDatabase: (p) => (dbPath = p),
  });
  sup.start();
  children[0]!.emit('message', { type: 'database', path: '/c/b.db' });
  assert.equal(dbPath, '/c/b.db');
  children[0]!.crash(139);
  assert.deepEqual(forkedWith, ['/c/a.db', '/c/b.db']);
  assert.equal(await sup.request('app.info', {}), 'ok');
  sup.stop();
});
