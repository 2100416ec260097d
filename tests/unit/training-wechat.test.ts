/** WeChat detection and file sharing support (src/lib/training/wechat.ts). */
import { describe, expect, it } from 'vitest';
import { canShareFiles, isWeChatBrowser } from '../../src/lib/training/wechat.ts';

describe('WeChat', () => {
  it('recognises WeChat and WeCom in-app browsers, not ordinary ones', () => {
    expect(
      isWeChatBrowser(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003130) NetType/WIFI Language/zh_CN',
      ),
    ).toBe(true);
    expect(
      isWeChatBrowser(
        'Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36 wxwork/4.1.22 MicroMessenger/7.0.1',
      ),
    ).toBe(true);
    expect(
      isWeChatBrowser('Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36'),
    ).toBe(false);
    expect(isWeChatBrowser(undefined)).toBe(false);
  });

  it('file sharing only where the browser says it can', () => {
    expect(canShareFiles(undefined, {})).toBe(false);
    expect(canShareFiles({ share: async () => undefined }, {})).toBe(false);
    expect(canShareFiles({ share: async () => undefined, canShare: () => true }, {})).toBe(true);
    expect(
      canShareFiles(
        {
          share: async () => undefined,
          canShare: () => {
            throw new Error('x');
          },
        },
        {},
      ),
    ).toBe(false);
  });
});
