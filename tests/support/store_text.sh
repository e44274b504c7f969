# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced: store_text FILE prints an SQLite results store as text (every track's path, status,
# content hash and error; every feature, a vector's names and numbers included, and label), so
# that two stores holding the same analysis print the same, whatever their row ids, layout ids
# and run times.
store_text() {
  sqlite3 "$1" "SELECT path, status, content_hash, error FROM tracks ORDER BY path, id;
                SELECT t.path, f.output, f.type, f.value, f.json, l.names, hex(f.data) FROM features f
                  JOIN tracks t ON t.id = f.track_id LEFT JOIN vector_layouts l ON l.id = f.layout
                  ORDER BY t.path, f.output;
                SELECT t.path, l.output, l.label, l.probability FROM labels l JOIN tracks t ON t.id = l.track_id
                  ORDER BY 1, 2, 3;"
}
