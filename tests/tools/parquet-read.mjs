// Reads a Parquet file with DuckDB (an independent reader) and prints one JSON object:
//   file:    created_by, num_rows, num_row_groups, format_version (parquet_file_metadata)
//   schema:  one entry per schema element (parquet_schema), root first
//   chunks:  one entry per column chunk (parquet_metadata): sizes, codec, encodings, stats
//   types:   DuckDB's type of each column as read_parquet sees it
//   rows:    the rows, each an array in column order; BIGINT as a decimal string, BLOB as
//            lowercase hex, other values as JSON (null for NULL)
// Usage: node parquet-read.mjs FILE. Exits non-zero, with the reason on stderr, when DuckDB
// cannot read the file. Used by disd's unit tests; installed by scripts/install-test-tools.sh.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) {
  console.error('usage: node parquet-read.mjs FILE');
  process.exit(2);
}

function literal(path) {
  return `'${path.replaceAll("'", "''")}'`;
}

function plain(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (typeof value === 'object' && value.bytes instanceof Uint8Array) {
    return Buffer.from(value.bytes).toString('hex');
  }
  return value;
}

function plainRow(row) {
  const out = {};
  for (const [key, value] of Object.entries(row)) out[key] = plain(value);
  return out;
}

try {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const source = literal(file);
  const query = async (sql) => (await connection.runAndReadAll(sql));

  const fileMeta = (await query(
    `SELECT created_by, num_rows, num_row_groups, format_version
       FROM parquet_file_metadata(${source})`)).getRowObjectsJS().map(plainRow)[0];
  const schema = (await query(
    `SELECT name, type, repetition_type, num_children, converted_type, logical_type, duckdb_type
       FROM parquet_schema(${source})`)).getRowObjectsJS().map(plainRow);
  const chunks = (await query(
    `SELECT row_group_id, row_group_num_rows, column_id, path_in_schema, type, num_values,
            compression, encodings, data_page_offset, total_compressed_size,
            total_uncompressed_size, stats_null_count, stats_min_value, stats_max_value
       FROM parquet_metadata(${source}) ORDER BY row_group_id, column_id`))
    .getRowObjectsJS().map(plainRow);
  const data = await query(`SELECT * FROM read_parquet(${source})`);
  const types = data.columnTypes().map((t) => t.toString());
  const rows = data.getRowsJS().map((row) => row.map(plain));
  process.stdout.write(JSON.stringify({ file: fileMeta, schema, chunks, types, rows }));
  process.stdout.write('\n');
} catch (error) {
  console.error(`parquet-read: DuckDB could not read ${file}: ${error.message}`);
  process.exit(1);
}
