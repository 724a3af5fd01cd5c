// The one reading of "what people call a community", used by the reports, the lists, the map labels and the imports
// that accept a community by name.
import { describe, expect, it } from 'vitest';
import { shortCommunityName } from '../../domain/regions.ts';

describe('shortCommunityName', () => {
  it('drops the committee from a community’s registered name and keeps 村 for a village', () => {
    expect(shortCommunityName('水东街社区居民委员会')).toBe('水东街社区');
    expect(shortCommunityName('水东街社区居委会')).toBe('水东街社区');
    expect(shortCommunityName('河田村民委员会')).toBe('河田村');
    expect(shortCommunityName('水东街社区')).toBe('水东街社区');
    expect(shortCommunityName('居民委员会路社区')).toBe('居民委员会路社区');
  });
  it('passes a missing name on as missing', () => {
    expect(shortCommunityName(null)).toBeNull();
    expect(shortCommunityName(undefined)).toBeNull();
  });
});
