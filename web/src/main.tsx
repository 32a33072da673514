// Entry point: language and theme, the router, the session, and the lazily loaded pages.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router-dom';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCNRaw from 'antd/locale/zh_CN.js';
import enUSRaw from 'antd/locale/en_US.js';
import type { Locale } from 'antd/es/locale/index.js';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn.js';
import { useLang } from './i18n.ts';
import { SessionProvider } from './session.tsx';
import { AppRoutes } from './routes.tsx';

function unwrap<T extends object>(m: T | { default: T }): T {
  return 'default' in m ? m.default : m;
}

const zhCN = unwrap<Locale>(zhCNRaw);
const enUS = unwrap<Locale>(enUSRaw);

const theme = {
  token: { colorPrimary: '#c8102e', borderRadius: 6 },
  components: { Layout: { siderBg: '#001529', headerBg: '#ffffff' } },
};

function Root() {
  const lang = useLang();
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');
  document.documentElement.lang = lang;
  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={theme} button={{ autoInsertSpace: false }}>
      <AntApp>
        <BrowserRouter>
          <SessionProvider>
            <AppRoutes />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <Root />
    </StrictMode>,
  );
}
