import { describe, expect, it } from 'vitest';
import { checkTarget, isPublicAddress } from '../../server/modules/webhooks/target.ts';

describe('webhook target addresses', () => {
  it('accepts public unicast only, IPv4-mapped IPv6 judged as its IPv4', () => {
    for (const a of ['8.8.8.8', '114.114.114.114', '2400:3200::1']) expect(isPublicAddress(a), a).toBe(true);
    for (const a of [
      '127.0.0.1',
      '127.8.9.1',
      '10.0.0.1',
      '172.16.5.4',
      '192.168.1.1',
      '100.64.0.1',
      '100.127.255.254',
      '169.254.169.254',
      '0.0.0.0',
      '0.1.2.3',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fc00::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '::ffff:169.254.169.254',
      '64:ff9b::a00:1',
      'not-an-ip',
    ])
      expect(isPublicAddress(a), a).toBe(false);
  });

  it('wants https:// unless the host is allow-listed, and refuses names resolving to this machine', async () => {
    expect((await checkTarget('http://robot.example.com/x', [])).ok).toBe(false);
    expect((await checkTarget('ftp://robot.example.com/x', [])).ok).toBe(false);
    expect((await checkTarget('https://user:pw@8.8.8.8/x', [])).ok).toBe(false);
    expect(await checkTarget('https://8.8.8.8/x', [])).toMatchObject({ ok: true, address: '8.8.8.8' });
    expect((await checkTarget('https://[::1]:8443/x', [])).ok).toBe(false);
    expect((await checkTarget('https://localhost:8443/x', [])).ok).toBe(false);
    expect(await checkTarget('http://LOCALHOST:8080/x', ['localhost'])).toMatchObject({ ok: true });
    expect(await checkTarget('http://[::1]:8080/x', ['[::1]'])).toMatchObject({ ok: true });
  });
});
