/** Filled-in member templates for tests and benchmarks. */
import ExcelJS from 'exceljs';
import { idCheckChar } from '../people/rules.js';
import { buildTemplate } from './template.js';

/** A cell value as written into a sheet. */
export type Cell = string | number | Date | null;

/** A member row in template column order; `i` makes the ID number unique within `region`. */
export function memberRow(i: number, region = '110101', org = ''): Cell[] {
  const year = 1960 + Math.floor(i / 1000);
  const day = new Date(Date.UTC(year, 0, 1 + (Math.floor(i / 100) % 10) * 30)).toISOString().slice(0, 10);
  const first17 = `${region}${day.replace(/-/g, '')}${String(i % 100).padStart(3, '0')}`;
  const gender = Number(first17[16]) % 2 === 1 ? '男' : '女';
  return [`党员${i}`, gender, '汉族', day, first17 + idCheckChar(first17), `139${String(i).padStart(8, '0')}`, '大学本科', '正式党员',
    `${year + 25}-07-01`, `${year + 26}-07-01`, null, '某公司', '正常', '在职', '否', null, org];
}

/** A filled-in member template as .xlsx bytes. */
export async function memberFile(data: Cell[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(await buildTemplate('members')).buffer);
  const ws = wb.getWorksheet('党员信息')!;
  data.forEach((r, i) => { ws.getRow(i + 3).values = r; });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

