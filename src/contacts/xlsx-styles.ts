import { builtInFormat, isDateFormat, parseSax } from './xlsx-parts.js';

/** Which cell styles (the s= index of a cell) format numbers as dates, read from xl/styles.xml. */
export type DateStyles = ReadonlySet<number>;

export async function readDateStyles(xml: AsyncIterable<Buffer>): Promise<DateStyles> {
  const formats = new Map<number, string>();
  const dates = new Set<number>();
  let inCellXfs = false;
  let index = 0;
  for await (const events of parseSax(xml)) {
    for (const event of events) {
      if (event.eventType === 'opentag') {
        const { name, attributes } = event.value;
        if (name === 'numFmt') formats.set(Number(attributes.numFmtId), attributes.formatCode ?? '');
        else if (name === 'cellXfs') inCellXfs = true;
        else if (name === 'xf' && inCellXfs) {
          const id = Number(attributes.numFmtId ?? 0);
          const format = formats.get(id) ?? builtInFormat(id);
          if (format && isDateFormat(format)) dates.add(index);
          index++;
        }
      } else if (event.eventType === 'closetag' && event.value.name === 'cellXfs') inCellXfs = false;
    }
  }
  return dates;
}

/** Whether xl/workbook.xml counts dates from 1904 (old Mac Excel). */
export async function readDate1904(xml: AsyncIterable<Buffer>): Promise<boolean> {
  let date1904 = false;
  for await (const events of parseSax(xml)) {
    for (const event of events) {
      if (event.eventType === 'opentag' && event.value.name === 'workbookPr') {
        const flag = event.value.attributes.date1904;
        date1904 = flag === '1' || flag === 'true';
      }
    }
  }
  return date1904;
}
