import { addressKey } from './login-throttle.js';

describe('addressKey (what the sign-in limits count as one address)', () => {
  it('keeps an IPv4 address, also IPv4-mapped', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(addressKey('::FFFF:198.51.100.1')).toBe('198.51.100.1');
  });

  it('counts an IPv6 address by its /64 prefix, however it is written', () => {
    expect(addressKey('2001:db8:1:2::a')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:0:0:1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:3::a')).toBe('2001:db8:1:3::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('64:ff9b::192.0.2.33')).toBe('64:ff9b:0:0::/64');
  });

  it('keeps anything else as given', () => {
    expect(addressKey('inconnue')).toBe('inconnue');
    expect(addressKey('2001:db8:::1')).toBe('2001:db8:::1');
  });
});
