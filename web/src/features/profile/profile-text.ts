/** Pure helpers of the profile page (tested in test/web/auth-profile-text.test.ts). */

export function passwordChangedText(ended: number): string {
  const n = Number.isFinite(ended) && ended > 0 ? Math.floor(ended) : 0;
  return `Password changed. ${n} other session(s) were ended.`;
}

/** "Firefox on Linux" from a User-Agent string; the raw string when nothing is recognised; "Unknown" when empty. */
export function shortUserAgent(ua: string | null | undefined): string {
  if (!ua || !ua.trim()) return 'Unknown';
  const browser =
    /Edg\//.test(ua) ? 'Edge'
      : /OPR\//.test(ua) ? 'Opera'
        : /Firefox\//.test(ua) ? 'Firefox'
          : /(Chrome|Chromium)\//.test(ua) ? (/HeadlessChrome/.test(ua) ? 'Headless Chrome' : 'Chrome')
            : /Safari\//.test(ua) && /Version\//.test(ua) ? 'Safari'
              : /^curl\//.test(ua) ? 'curl'
                : /^node|undici/i.test(ua) ? 'Node.js'
                  : null;
  const os =
    /Android/.test(ua) ? 'Android'
      : /iPhone|iPad|iPod/.test(ua) ? 'iOS'
        : /Windows/.test(ua) ? 'Windows'
          : /Mac OS X|Macintosh/.test(ua) ? 'macOS'
            : /CrOS/.test(ua) ? 'ChromeOS'
              : /Linux|X11/.test(ua) ? 'Linux'
                : null;
  if (browser && os) return `${browser} on ${os}`;
  if (browser) return browser;
  return ua.length > 60 ? `${ua.slice(0, 57)}…` : ua;
}
