package io.switchboard.directory.importer;

import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader: quoted fields may hold commas, quotes ("") and line breaks; each record keeps its line. */
public final class Csv {

    /** @param line the line number (1-based) the record starts on, as an editor shows it */
    public record Record(int line, List<String> fields) {
    }

    private Csv() {
    }

    public static List<Record> parse(String text) {
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStarted = false;
        int line = 1;
        int recordLine = 1;
        int i = 0;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') {
            i = 1; // byte-order mark
        }
        for (; i < n; i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (ch == '\n') {
                        line++;
                    }
                    field.append(ch);
                }
                continue;
            }
            switch (ch) {
                case '"' -> {
                    quoted = true;
                    fieldStarted = true;
                }
                case ',' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldStarted = true;
                }
                case '\r' -> {
                    // CRLF: the \n ends the record
                }
                case '\n' -> {
                    end(records, fields, field, fieldStarted, recordLine);
                    fields = new ArrayList<>();
                    fieldStarted = false;
                    line++;
                    recordLine = line;
                }
                default -> {
                    field.append(ch);
                    fieldStarted = true;
                }
            }
        }
        end(records, fields, field, fieldStarted, recordLine);
        return records;
    }

    private static void end(List<Record> records, List<String> fields, StringBuilder field, boolean started,
            int line) {
        if (!started && fields.isEmpty() && field.length() == 0) {
            return; // blank line
        }
        fields.add(field.toString());
        field.setLength(0);
        records.add(new Record(line, List.copyOf(fields)));
    }
}
