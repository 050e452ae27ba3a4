package io.switchboard.kpi.query;

import io.switchboard.kpi.model.GroupKey;
import io.switchboard.kpi.model.KpiCounts;
import java.util.List;
import java.util.Locale;

/**
 * A period's figures per provider and region in the shape of the IUC ADC collection (calls received, answered,
 * answered within 60 s, abandoned in three wait buckets, average speed to answer), one row per provider and region.
 */
public final class IucAdcExport {

    public static final String HEADER = "period_start,period_end,provider,region,calls_received,calls_answered,"
            + "calls_answered_within_60s,pct_answered_within_60s,calls_abandoned,abandoned_waited_up_to_30s,"
            + "abandoned_waited_30_to_60s,abandoned_waited_over_60s,pct_abandoned_after_30s,"
            + "average_speed_to_answer_seconds,calls_timed_out_to_contingency,calls_contingency_routed,"
            + "calls_warm_transferred_to_clinician";

    public record Row(String periodStart, String periodEnd, GroupKey group, KpiCounts counts) {
    }

    private IucAdcExport() {
    }

    public static String csv(List<Row> rows) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (Row row : rows) {
            KpiCounts c = row.counts();
            out.append(String.join(",", row.periodStart(), row.periodEnd(), quote(row.group().provider()),
                    quote(row.group().region()), Long.toString(c.offered), Long.toString(c.answered),
                    Long.toString(c.answeredWithin60s), percent(c.answeredWithin60s, c.answered),
                    Long.toString(c.abandoned()), Long.toString(c.abandonedUpTo30s), Long.toString(c.abandoned30To60s),
                    Long.toString(c.abandonedOver60s), percent(c.abandonedAfter30s(), c.offered),
                    c.answered == 0 ? "" : String.format(Locale.ROOT, "%.1f", c.answeredWaitSeconds / c.answered),
                    Long.toString(c.timedOut), Long.toString(c.contingencyRouted),
                    Long.toString(c.transferredToClinician))).append('\n');
        }
        return out.toString();
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "" : String.format(Locale.ROOT, "%.1f", 100.0 * part / whole);
    }

    /** RFC 4180 quoting, and no formula injection when the file is opened in a spreadsheet. */
    static String quote(String value) {
        String safe = value.matches("^[=+\\-@].*") ? "'" + value : value;
        return safe.matches(".*[,\"\\n\\r].*") ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
