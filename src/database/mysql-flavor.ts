import mysql from 'mysql2/promise';

/**
 * `mysql://` URLs serve MySQL and MariaDB alike (api.md), but TypeORM must know which it talks to:
 * MariaDB reports column defaults differently, and with the wrong driver type every schema
 * comparison finds false differences. Asks the server once, at start-up.
 */
export async function detectMysqlFlavor(url: string): Promise<'mysql' | 'mariadb'> {
  const conn = await mysql.createConnection({ uri: url, connectTimeout: 5000 });
  try {
    const [rows] = await conn.query('SELECT VERSION() AS v');
    const version = String((rows as { v: string }[])[0]?.v ?? '');
    return /mariadb/i.test(version) ? 'mariadb' : 'mysql';
  } finally {
    await conn.end();
  }
}
