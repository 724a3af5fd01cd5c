// The pieces behind the upload limits that need no server: the semaphore
// heavy work runs under, and the zip reader's refusals.
import { describe, expect, it } from 'vitest';
import { Semaphore } from '../../server/platform/semaphore.ts';
import { zipEntries, zipStream, ZipError } from '../../server/platform/zip.ts';
import { zipOf } from '../helpers/xlsx.ts';

describe('Semaphore', () => {
  it('runs at most `max` at once, the rest in arrival order, and refuses with BUSY past maxWaiting', async () => {
    const s = new Semaphore(2, 2, '忙');
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const gates: (() => void)[] = [];
    const job = (i: number) =>
      s.run(async () => {
        running++;
        most = Math.max(most, running);
        order.push(i);
        await new Promise<void>((r) => gates.push(r));
        running--;
        return i;
      });
    const jobs = [0, 1, 2, 3].map(job);
    await expect(job(4)).rejects.toMatchObject({ code: 'BUSY', message: '忙' });
    expect(s.busy).toEqual({ running: 2, waiting: 2 });
    while (order.length < 4 || gates.length) {
      gates.shift()?.();
      await new Promise((r) => setTimeout(r, 1));
    }
    expect(await Promise.all(jobs)).toEqual([0, 1, 2, 3]);
    expect(order).toEqual([0, 1, 2, 3]);
    expect(most).toBe(2);
    expect(s.busy).toEqual({ running: 0, waiting: 0 });
  });

  it('frees the slot when the job fails', async () => {
    const s = new Semaphore(1, 0, '忙');
    await expect(
      s.run(async () => {
        throw new Error('x');
      }),
    ).rejects.toThrow('x');
    expect(await s.run(async () => 'next')).toBe('next');
  });
});

describe('zip reader', () => {
  it('refuses what is not a zip, and an entry that inflates past its declared size', async () => {
    expect(() => zipEntries(Buffer.from('not a zip at all, not even close to one'), 10)).toThrow(ZipError);
    const lying = zipOf([{ name: 'a.xml', data: Buffer.alloc(1_000_000, ' '), declared: 100 }]);
    const [e] = zipEntries(lying, 10);
    expect(e).toMatchObject({ name: 'a.xml', usize: 100 });
    const read = async () => {
      for await (const _ of zipStream(lying, [{ entry: e }])) {
        /* drain */
      }
    };
    await expect(read()).rejects.toMatchObject({ kind: 'too_large' });
    const honest = zipOf([{ name: 'b.xml', data: Buffer.from('<x/>') }]);
    const chunks: Buffer[] = [];
    for await (const c of zipStream(honest, [{ entry: zipEntries(honest, 10)[0], as: 'c.xml' }])) chunks.push(c);
    const out = Buffer.concat(chunks);
    expect(out.subarray(30, 35).toString()).toBe('c.xml'); // re-emitted as a stored entry under the new name
    expect(out.subarray(35).toString()).toBe('<x/>');
  });
});
