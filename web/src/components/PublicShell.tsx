/** The red header and narrow column of the pages outside the login (voting, residents' requests, service confirmation), with the language switch. */
import type { ReactNode } from 'react';
import { LangSwitch } from './LangSwitch.tsx';

/** The shell: `title` on the header, `subtitle` under it when given. */
export function PublicShell({ title, subtitle, children, testId }: { title: string; subtitle?: string; children: ReactNode; testId: string }) {
  return (
    <div style={{ minHeight: '100vh', background: '#f5f5f5', overflowX: 'hidden' }} data-testid={testId}>
      <div style={{ background: '#c8102e', color: '#fff', padding: '12px 16px' }}>
        <div style={{ maxWidth: 640, margin: '0 auto', display: 'flex', alignItems: 'center', gap: 8 }}>
          <span style={{ fontSize: 24, color: '#ffd700', lineHeight: 1 }}>★</span>
          <div style={{ flex: 1, minWidth: 0 }}>
            <div style={{ fontWeight: 600, fontSize: 17, lineHeight: 1.3 }}>{title}</div>
            {subtitle !== undefined && <div style={{ fontSize: 13, opacity: 0.9, wordBreak: 'break-all' }} data-testid={`${testId}-subtitle`}>{subtitle}</div>}
          </div>
          <LangSwitch />
        </div>
      </div>
      <div style={{ maxWidth: 640, margin: '0 auto', padding: 12 }}>{children}</div>
    </div>
  );
}
