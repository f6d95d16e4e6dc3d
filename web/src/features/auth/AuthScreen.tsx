/** The frame of the public pages (login, first-run setup): a centered card with the product name, no app layout. */
import type { ReactNode } from 'react';
import './auth.css';

export function AuthScreen({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="auth-screen">
      <div className="card center-card">
        <p className="auth-brand"><span className="auth-brand-name">Delve</span><span className="auth-brand-tag">log analytics</span></p>
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
