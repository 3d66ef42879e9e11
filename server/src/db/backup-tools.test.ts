import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BackupError, writeEncryptedBackup } from '../core/backup.js';
import { runTool } from './backup.js';

async function bytesOf(stream: Readable): Promise<number> {
  let n = 0;
  for await (const chunk of stream) n += (chunk as Buffer).length;
  return n;
}

describe('backup tools', () => {
  it('keeps all of a tool’s output when the tool ends before anyone reads it (pg_dump faster than the key)', async () => {
    const tool = runTool(process.execPath, ['-e', "process.stdout.write('x'.repeat(1000))"], process.env);
    await tool.done;
    // the tool has exited and Node has flushed its stdio: the output must still be there
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await bytesOf(tool.stdout)).toBe(1000);
  });

  it('holds a long output back until the reader comes, and loses nothing', async () => {
    const tool = runTool(process.execPath, ['-e', "process.stdout.write('x'.repeat(2000000))"], process.env);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [bytes] = await Promise.all([bytesOf(tool.stdout), tool.done]);
    expect(bytes).toBe(2000000);
  });

  it('refuses to write a backup of an empty dump', async () => {
    const target = `${process.env.TMPDIR ?? '/tmp'}/lotse-empty-${process.pid}-${Date.now()}.backup`;
    const written = writeEncryptedBackup(
      Readable.from([]),
      target,
      {
        dialect: 'postgresql',
        schema: 'public',
        schemaVersion: null,
        createdAt: new Date().toISOString(),
        appVersion: 'test',
        payload: 'pg-dump-custom',
        compression: 'none',
      },
      'a-backup-key-for-the-test-only-0123456789',
    );
    await expect(written).rejects.toBeInstanceOf(BackupError);
    await expect(written).rejects.toMatchObject({ code: 'tool-failed' });
  });
});
