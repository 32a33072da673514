/**
 * The signed-in session: who the user is, what they may do, logout, the 401 → /login redirect
 * and logout after the idle timeout the security policy sets.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { ApiError, api, onUnauthorized, setCsrfToken } from './api.ts';
import type { Me } from './types.ts';

type SessionValue = {
  me: Me | null;
  loading: boolean;
  /** Reloads /auth/me; returns the session or null when signed out. */
  refresh: () => Promise<Me | null>;
  logout: (reason?: 'idle' | 'expired') => Promise<void>;
  can: (capability: string) => boolean;
};

const SessionContext = createContext<SessionValue | null>(null);

const ACTIVITY_EVENTS = ['mousedown', 'keydown', 'touchstart', 'wheel', 'scroll'] as const;

/** Provides the session to the app; must sit inside the router. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const navigate = useNavigate();
  const location = useLocation();
  const locationRef = useRef(location);
  locationRef.current = location;

  const refresh = useCallback(async (): Promise<Me | null> => {
    try {
      const next = await api.probe<Me>('/auth/me');
      setCsrfToken(next.csrfToken);
      setMe(next);
      return next;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        setMe(null);
        return null;
      }
      throw err;
    } finally {
      setLoading(false);
    }
  }, []);

  const toLogin = useCallback((reason?: 'idle' | 'expired') => {
    const here = locationRef.current;
    if (here.pathname === '/login') return;
    const from = here.pathname === '/' ? '' : `${here.pathname}${here.search}`;
    navigate('/login', { replace: true, state: { from, reason } });
  }, [navigate]);

  const logout = useCallback(async (reason?: 'idle' | 'expired') => {
    try {
      await api.post('/auth/logout', {}, { allow401: true });
    } catch {
      // the session may already be gone; leave anyway
    }
    setCsrfToken('');
    setMe(null);
    toLogin(reason);
  }, [toLogin]);

  useEffect(() => {
    onUnauthorized((err) => {
      if (err.code === 'PASSWORD_CHANGE_REQUIRED' || err.code === 'TOTP_SETUP_REQUIRED') {
        void refresh().catch(() => undefined);
        navigate(err.code === 'PASSWORD_CHANGE_REQUIRED' ? '/password' : '/totp-setup', { replace: true });
        return;
      }
      setMe(null);
      toLogin(err.code === 'SESSION_EXPIRED' ? 'idle' : 'expired');
    });
    void refresh().catch(() => undefined);
    return () => onUnauthorized(null);
  }, [refresh, toLogin, navigate]);

  useIdleLogout(me?.idleTimeoutMinutes ?? 0, me !== null, logout);

  const value = useMemo<SessionValue>(() => ({
    me,
    loading,
    refresh,
    logout,
    can: (cap: string) => me?.capabilities.includes(cap) ?? false,
  }), [me, loading, refresh, logout]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

function useIdleLogout(minutes: number, active: boolean, logout: (reason: 'idle') => Promise<void>): void {
  useEffect(() => {
    if (!active || minutes <= 0) return undefined;
    let last = Date.now();
    const touch = () => { last = Date.now(); };
    ACTIVITY_EVENTS.forEach((e) => window.addEventListener(e, touch, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - last >= minutes * 60_000) void logout('idle');
    }, 15_000);
    return () => {
      ACTIVITY_EVENTS.forEach((e) => window.removeEventListener(e, touch));
      window.clearInterval(timer);
    };
  }, [minutes, active, logout]);
}

/** The current session; throws outside the provider. */
export function useSession(): SessionValue {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** Where a user must go first: change the password, or set up 动态口令 when the policy requires it; null when free to go on. */
export function dutyPath(me: Me | null): string | null {
  if (!me) return null;
  if (me.user.mustChangePassword) return '/password';
  if (me.user.totpRequired && !me.user.totpEnabled) return '/totp-setup';
  return null;
}
