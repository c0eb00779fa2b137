/** One content line of an iCalendar object: its name, parameters and (still escaped) value. */
export interface IcsProperty {
  readonly name: string
  readonly params: Readonly<Record<string, string>>
  readonly value: string
}

/**
 * Reads an iCalendar text back the way a calendar client does (RFC 5545 §3.1): lines end in CRLF,
 * a line starting with a space or tab continues the previous one, each line is
 * `NAME *(;PARAM=value) : value` with parameter values optionally in double quotes.
 */
export function parseIcs(text: string): IcsProperty[] {
  const unfolded = text.replace(/\r\n[ \t]/g, '')
  return unfolded
    .split('\r\n')
    .filter((line) => line !== '')
    .map(parseLine)
}

function parseLine(line: string): IcsProperty {
  let index = 0
  let name = ''
  while (index < line.length && line[index] !== ';' && line[index] !== ':') {
    name += line[index]
    index += 1
  }
  const params: Record<string, string> = {}
  while (line[index] === ';') {
    index += 1
    const equals = line.indexOf('=', index)
    const key = line.slice(index, equals)
    index = equals + 1
    let value = ''
    if (line[index] === '"') {
      const close = line.indexOf('"', index + 1)
      value = line.slice(index + 1, close)
      index = close + 1
    } else {
      while (index < line.length && line[index] !== ';' && line[index] !== ':') {
        value += line[index]
        index += 1
      }
    }
    params[key] = value
  }
  return { name: name.toUpperCase(), params, value: line.slice(index + 1) }
}

/** A TEXT value unescaped (RFC 5545 §3.3.11). */
export function unescapeIcsText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_whole, c: string) => (c === 'n' || c === 'N' ? '\n' : c))
}
