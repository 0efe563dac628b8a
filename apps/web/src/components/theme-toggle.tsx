'use client';
import { useEffect, useState } from 'react';

type Theme = 'system' | 'light' | 'dark';
const NEXT: Record<Theme, Theme> = { system: 'dark', dark: 'light', light: 'system' };

/** Cycles system -> dark -> light; "system" follows prefers-color-scheme. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme>('system');
  useEffect(() => {
    const stored = localStorage.getItem('nodescope-theme');
    if (stored === 'dark' || stored === 'light') setTheme(stored);
  }, []);
  function cycle() {
    const next = NEXT[theme];
    setTheme(next);
    if (next === 'system') {
      localStorage.removeItem('nodescope-theme');
      delete document.documentElement.dataset.theme;
    } else {
      localStorage.setItem('nodescope-theme', next);
      document.documentElement.dataset.theme = next;
    }
  }
  return (
    <button
      type="button"
      className="btn btn-ghost"
      onClick={cycle}
      title="Theme: system, dark or light"
      aria-label={`Theme: ${theme}`}
    >
      {theme === 'dark' ? '☾ Dark' : theme === 'light' ? '☀ Light' : '◐ System'}
    </button>
  );
}
