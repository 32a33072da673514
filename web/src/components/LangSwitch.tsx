/** 中文 / EN switch, remembered in localStorage. */
import { Segmented } from 'antd';
import { setLang, useLang } from '../i18n.ts';
import type { Lang } from '../i18n.ts';

/** A two-way language switch. */
export function LangSwitch() {
  const lang = useLang();
  return (
    <Segmented<Lang> size="small" value={lang} onChange={(v) => setLang(v)} data-testid="lang-switch"
      options={[{ label: '中文', value: 'zh-CN' }, { label: 'EN', value: 'en' }]} />
  );
}
