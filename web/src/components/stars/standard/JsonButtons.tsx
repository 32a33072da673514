/**
 * 下载 JSON / 导入 JSON for advanced users: the standard as it stands in the form saved as a file,
 * and a file read into the form (nothing is saved until 保存为新版本).
 */
import { Button, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useFeedback } from '../../../feedback.ts';
import { useT } from '../../../i18n.ts';
import { looksLikeStandard } from './model.ts';
import type { StandardDef } from './model.ts';

/** Saves `data` as a pretty-printed JSON file named `name`. */
export function saveJson(data: unknown, name: string): void {
  const url = URL.createObjectURL(new Blob([`${JSON.stringify(data, null, 2)}\n`], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 下载 JSON: `build` gives the definition (or null when the form cannot be read, having said why). */
export function DownloadJson({ build, name }: { build: () => Promise<StandardDef | null>; name: string }) {
  const t = useT();
  return (
    <Button icon={<DownloadOutlined />} data-testid="star-std-download" title={t('stars.std.downloadHint')}
      onClick={() => void build().then((d) => { if (d) saveJson(d, name); })}>
      {t('stars.std.download')}
    </Button>
  );
}

/** 导入 JSON: reads a .json file and hands the definition over if it looks like one. */
export function ImportJson({ onImport }: { onImport: (d: StandardDef) => void }) {
  const t = useT();
  const fb = useFeedback();
  const read = async (file: File) => {
    let v: unknown;
    try {
      v = JSON.parse(await file.text());
    } catch (err) {
      fb.error(new Error(t('stars.std.importBadJson', { why: err instanceof Error ? err.message : String(err) })));
      return;
    }
    const def = looksLikeStandard(v) ? v : null;
    if (!def) { fb.error(new Error(t('stars.std.importNotStandard'))); return; }
    onImport(def);
    fb.success(t('stars.std.imported'));
  };
  return (
    <Upload accept=".json,application/json" multiple={false} showUploadList={false} beforeUpload={(f) => { void read(f); return Upload.LIST_IGNORE; }}>
      <Button icon={<UploadOutlined />} data-testid="star-std-import" title={t('stars.std.importHint')}>{t('stars.std.import')}</Button>
    </Upload>
  );
}
