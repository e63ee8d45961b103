import { describe, expect, it } from 'vitest';
import { findSecrets, redactSecrets, redactValue } from './secret-scanner';

const redact = (text: string) => redactSecrets(text);

describe('secret scanner', () => {
  it('redacts the value and keeps the key name, in every common spelling', () => {
    expect(redact('password=hunter2')).toBe('password=••••');
    expect(redact('db.password = "s3cr3t!"')).toBe('db.password = "••••"');
    expect(redact('{"password":"abc123","user":"etl"}')).toBe('{"password":"••••","user":"etl"}');
    expect(redact('accessKeySecret=Xy12Zq34Wv56Ut78Sr90Po12Nm34Lk')).toBe('accessKeySecret=••••');
    expect(redact('aws_secret_access_key=AbCdEf')).toBe('aws_secret_access_key=••••');
    expect(redact('spring:\n  password: hunter3\n')).toBe('spring:\n  password: ••••\n');
    expect(redact("api_key: 'k-123'")).toBe("api_key: '••••'");
  });

  it('finds AccessKey ids, credentials in URLs and JDBC strings, and private keys', () => {
    expect(redact('ak=LTAI5tQ9rXw2ZpLm7VbN3cYd;')).toBe('ak=••••;');
    expect(redact('jdbc:mysql://root:topsecret@10.0.0.1:3306/db')).toBe(
      'jdbc:mysql://root:••••@10.0.0.1:3306/db',
    );
    expect(redact('curl https://bot:pa55@hooks.example.com/x')).toBe(
      'curl https://bot:••••@hooks.example.com/x',
    );
    expect(redact('jdbc:oracle:thin:scott/tiger@db:1521/orcl')).toBe(
      'jdbc:oracle:thin:scott/••••@db:1521/orcl',
    );
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----';
    expect(redact(pem)).toBe('-----BEGIN RSA PRIVATE KEY-----••••-----END RSA PRIVATE KEY-----');
    expect(findSecrets(pem)[0]).toMatchObject({ kind: 'private-key', label: 'RSA PRIVATE KEY' });
  });

  it('reads credentials inside a JSON string (a data source config written into a document)', () => {
    const config = JSON.stringify({ config: JSON.stringify({ username: 'u', password: 'p@ss' }) });
    expect(redact(config)).not.toContain('p@ss');
    expect(redactValue({ datasource: { config: '{"password":"p@ss"}' } })).toEqual({
      value: { datasource: { config: '{"password":"••••"}' } },
      redacted: true,
    });
  });

  it('leaves code, parameter references and placeholders alone', () => {
    for (const text of [
      'password = read_secret("db")',
      '{"password": null}',
      'password: ${db_password}',
      'password=$[yyyymmdd]',
      'if password == "x": pass',
      'tokenizer=bert',
      '"password": {"secretRef": "mysql_orders"}',
      'password=****',
      'select * from t -- see http://example.com/docs',
    ]) {
      expect(findSecrets(text), text).toEqual([]);
    }
  });

  it('labels hits by key and line, never by value', () => {
    const hits = findSecrets('a\nb\nexport DB_PASSWORD=Hunter2\n');
    expect(hits).toEqual([{ kind: 'credential', start: 23, end: 30, line: 3, label: 'DB_PASSWORD' }]);
  });

  it('scans 20 MB of ordinary code in well under a second', () => {
    const body =
      'select o.order_id, sum(o.amount) from retail.dwd_orders o where ds = ${bizdate} group by 1; -- see http://wiki/x, password rules\n';
    const text = body.repeat(Math.ceil((20 * 1024 * 1024) / body.length));
    const started = performance.now();
    expect(findSecrets(text)).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
