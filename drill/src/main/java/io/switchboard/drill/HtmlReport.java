package io.switchboard.drill;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The drill report as one self-contained HTML page (inline SVG charts, no scripts, nothing fetched), for a
 * commissioner to open or attach.
 */
final class HtmlReport {

    private static final int W = 900;
    private static final int H = 220;
    private static final int PAD = 40;

    private HtmlReport() {
    }

    static String render(DrillReport r) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Readiness drill: ")
                .append(esc(r.scenario())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;max-width:960px;color:#222}")
                .append("table{border-collapse:collapse;margin:1em 0;font-size:13px}td,th{border:1px solid #ccc;")
                .append("padding:3px 6px;text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}")
                .append(".pass{color:#176b2c;font-weight:bold}.fail{color:#b00020;font-weight:bold}")
                .append("tr.bad td{background:#fde7e9}tr.skip td{color:#888}.verdict{font-size:28px;padding:.3em .6em;")
                .append("display:inline-block;border-radius:6px}.verdict.pass{background:#dff3e4}")
                .append(".verdict.fail{background:#fde7e9}svg{background:#fafafa;border:1px solid #ddd}")
                .append("</style></head><body>");
        h.append("<h1>Readiness drill: ").append(esc(r.scenario())).append("</h1>");
        h.append("<p>").append(esc(r.description())).append("</p>");
        h.append("<p>Provider <b>").append(esc(r.provider())).append("</b>, region <b>").append(esc(r.region()))
                .append("</b>; simulated ").append(esc(r.simulatedFrom())).append(" to ").append(esc(r.simulatedTo()))
                .append(" at ").append(r.speed()).append("x, in ").append(r.wallSeconds()).append(" s.</p>");
        String cls = r.verdict().equals("PASS") ? "pass" : "fail";
        h.append("<div class=\"verdict ").append(cls).append("\">").append(r.verdict()).append("</div>");

        h.append("<h2>Checks</h2><table><tr><th class=l>check</th><th>result</th><th class=l>detail</th></tr>");
        for (DrillReport.Check c : r.checks()) {
            h.append("<tr><td class=l>").append(esc(c.name())).append("</td><td class=")
                    .append(c.passed() ? "pass" : "fail").append('>').append(c.passed() ? "pass" : "FAIL")
                    .append("</td><td class=l>").append(esc(c.detail())).append("</td></tr>");
        }
        h.append("</table>");

        h.append("<h2>Totals</h2><table><tr><th class=l></th>");
        IntervalFigures.NAMES.forEach(n -> h.append("<th>").append(n).append("</th>"));
        h.append("</tr>");
        row(h, "ground truth (simulator)", r.truthTotals(), false);
        row(h, "platform (kpi-service)", r.platformTotals(), !r.truthTotals().equals(r.platformTotals()));
        h.append("</table><p>Answered within 60 s: <b>").append(DrillReport.percent(r.answeredWithin60sShare()))
                .append("</b> (target 95%). Abandoned after 30 s: <b>")
                .append(DrillReport.percent(r.abandonedAfter30sShare())).append("</b> (target under 5%).</p>");

        h.append("<h2>Service level per 15 minutes</h2>");
        h.append(shareChart(r));
        h.append("<h2>Calls per 15 minutes</h2>");
        h.append(volumeChart(r));

        h.append("<h2>Contingency</h2>");
        if (r.decisions().isEmpty()) {
            h.append("<p>kpi-service made no contingency decision.</p>");
        } else {
            h.append("<table><tr><th class=l>when (local)</th><th class=l>decision</th><th class=l>why</th>")
                    .append("<th class=l>by</th><th>PBX switch followed after (virtual s)</th></tr>");
            for (DrillReport.ContingencyDecision d : r.decisions()) {
                h.append("<tr><td class=l>").append(esc(d.localAt())).append("</td><td class=l>")
                        .append(d.engage() ? "engage" : "release").append("</td><td class=l>").append(esc(d.reason()))
                        .append("</td><td class=l>").append(esc(d.issuedBy())).append("</td><td>")
                        .append(d.pbxFollowedAfterSeconds() == null ? "never" : String.format(Locale.ROOT, "%.0f",
                                d.pbxFollowedAfterSeconds())).append("</td></tr>");
            }
            h.append("</table>");
        }
        h.append("<p>The PBX's switch changed ").append(r.switchChanges().size()).append(" time(s).</p>");

        if (!r.faults().isEmpty()) {
            h.append("<h2>Faults</h2><table><tr><th class=l>fault</th><th class=l>result</th>")
                    .append("<th class=l>call-ingest blind (virtual)</th></tr>");
            for (DrillReport.AppliedFault f : r.faults()) {
                h.append("<tr><td class=l>").append(esc(f.fault())).append("</td><td class=l>").append(esc(f.result()))
                        .append("</td><td class=l>").append(f.blindFrom() == null ? "" : esc(f.blindFrom() + " to "
                                + f.blindTo())).append("</td></tr>");
            }
            h.append("</table>");
        }

        DrillReport.Outcomes o = r.outcomes();
        h.append("<h2>Call outcomes</h2><p>Results on calls.outcomes.v1: ").append(esc(String.valueOf(o.byResult())))
                .append("</p><p>Disposition mix of triaged calls: ").append(esc(String.valueOf(o.dispositionGroups())))
                .append("</p><p>Services chosen by type: ").append(esc(String.valueOf(o.serviceTypes())))
                .append("</p><p>Triaged calls needing a service for which one was found: <b>")
                .append(DrillReport.percent(o.serviceFoundShare())).append("</b>. Time from the answered event to the")
                .append(" call outcome (wall clock, includes directory-service's 30 s settle window): p50 ")
                .append(o.answerToOutcomeP50Seconds()).append(" s, p95 ").append(o.answerToOutcomeP95Seconds())
                .append(" s. Outcomes missing: <b>").append(o.missing()).append("</b>. Transfers to a clinician that")
                .append(" triage asked the PBX for, by result: ").append(esc(String.valueOf(o.transfersToClinician())))
                .append(" (rejected: the call had already left its handler).</p>");
        if (!o.missingCalls().isEmpty()) {
            h.append("<p>Without an outcome: ").append(esc(String.join(", ", o.missingCalls()))).append("</p>");
        }
        h.append("<h2>Calls lost: ").append(r.callsLost()).append("</h2>");
        callTable(h, r.lost(), true);
        if (!r.unseen().isEmpty()) {
            h.append("<h2>Calls no AMI consumer could see: ").append(r.unseen().size()).append("</h2>")
                    .append("<p>They began and ended while call-ingest could not see the PBX (see faults). Asterisk's")
                    .append(" AMI does not replay events, so only the PBX's CDRs record them; they are not counted")
                    .append(" as lost, and their KPI intervals are not compared.</p>");
            callTable(h, r.unseen(), false);
        }

        h.append("<h2>Every interval: ground truth / platform</h2><table><tr><th class=l>interval (local)</th>");
        IntervalFigures.NAMES.forEach(n -> h.append("<th>").append(n).append("</th>"));
        h.append("<th>targets</th></tr>");
        for (DrillReport.Interval i : r.intervals()) {
            h.append("<tr class=\"").append(!i.compared() ? "skip" : i.matches() ? "" : "bad").append("\"><td class=l>")
                    .append(esc(i.localStart())).append(i.compared() ? "" : " (not compared)").append("</td>");
            for (String n : IntervalFigures.NAMES) {
                long t = i.truth().get(n);
                long p = i.platform().get(n);
                h.append("<td>").append(t == p ? Long.toString(t) : t + " / " + p).append("</td>");
            }
            h.append("<td class=").append(i.targetsMet() ? "pass>met" : "fail>missed").append("</td></tr>");
        }
        h.append("</table><p>Figures per docs/kpis.md: each step counts at its own time; waits are the PBX's whole")
                .append(" seconds. Where a cell shows two numbers they are ground truth / platform.</p>");
        h.append("</body></html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String label, Map<String, Long> figures, boolean bad) {
        h.append("<tr").append(bad ? " class=bad" : "").append("><td class=l>").append(label).append("</td>");
        IntervalFigures.NAMES.forEach(n -> h.append("<td>").append(figures.get(n)).append("</td>"));
        h.append("</tr>");
    }

    /** Answered within 60 s and abandoned after 30 s shares with their targets; contingency periods shaded. */
    private static String shareChart(DrillReport r) {
        List<DrillReport.Interval> in = r.intervals();
        StringBuilder s = svgStart();
        if (in.isEmpty()) {
            return s.append("</svg>").toString();
        }
        Instant first = in.get(0).start();
        Instant last = in.get(in.size() - 1).start().plusMillis(IntervalFigures.INTERVAL_MILLIS);
        shadeContingency(s, r, first, last);
        hline(s, 0.95, "#1b7a3a", "95% answered within 60 s");
        hline(s, 0.05, "#b00020", "5% abandoned after 30 s");
        polyline(s, in, first, last, i -> i.answeredWithin60sShare(), "#1b7a3a");
        polyline(s, in, first, last, i -> i.abandonedAfter30sShare(), "#b00020");
        axisLabels(s, in, "100%", "0%");
        return s.append("</svg>").toString();
    }

    private static String volumeChart(DrillReport r) {
        List<DrillReport.Interval> in = r.intervals();
        StringBuilder s = svgStart();
        long max = in.stream().mapToLong(i -> i.truth().get("offered")).max().orElse(1);
        max = Math.max(1, max);
        double bw = (W - 2.0 * PAD) / Math.max(1, in.size());
        for (int k = 0; k < in.size(); k++) {
            DrillReport.Interval i = in.get(k);
            bar(s, PAD + k * bw, bw * 0.45, i.truth().get("offered") / (double) max, "#7a9cc6");
            bar(s, PAD + k * bw + bw * 0.45, bw * 0.45, i.truth().get("abandoned") / (double) max, "#d98c8c");
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"14\" font-size=\"11\">offered (blue), abandoned (red);"
                + " max %d per 15 min</text>", PAD, max));
        axisLabels(s, in, Long.toString(max), "0");
        return s.append("</svg>").toString();
    }

    private static StringBuilder svgStart() {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">", W, H, W, H));
    }

    private static double y(double share) {
        return H - PAD - share * (H - 2.0 * PAD);
    }

    private static double x(Instant t, Instant first, Instant last) {
        double span = Math.max(1, last.toEpochMilli() - first.toEpochMilli());
        return PAD + (t.toEpochMilli() - first.toEpochMilli()) / span * (W - 2.0 * PAD);
    }

    private static void hline(StringBuilder s, double share, String colour, String label) {
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-dasharray=\"4 3\"/><text x=\"%d\" y=\"%.1f\" font-size=\"10\" fill=\"%s\">%s</text>", PAD,
                W - PAD, y(share), y(share), colour, W - PAD - 170, y(share) - 3, colour, label));
    }

    private static void polyline(StringBuilder s, List<DrillReport.Interval> in, Instant first, Instant last,
            java.util.function.Function<DrillReport.Interval, Double> value, String colour) {
        StringBuilder points = new StringBuilder();
        for (DrillReport.Interval i : in) {
            Double v = value.apply(i);
            if (v != null) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ",
                        x(i.start().plusMillis(IntervalFigures.INTERVAL_MILLIS / 2), first, last), y(v)));
            }
        }
        s.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(colour).append("\" points=\"")
                .append(points.toString().trim()).append("\"/>");
    }

    private static void shadeContingency(StringBuilder s, DrillReport r, Instant first, Instant last) {
        Instant engagedAt = null;
        for (DrillReport.SwitchChange c : r.switchChanges()) {
            if (c.engaged() && engagedAt == null) {
                engagedAt = c.at();
            } else if (!c.engaged() && engagedAt != null) {
                shade(s, x(engagedAt, first, last), x(c.at(), first, last));
                engagedAt = null;
            }
        }
        if (engagedAt != null) {
            shade(s, x(engagedAt, first, last), W - PAD);
        }
    }

    private static void shade(StringBuilder s, double from, double to) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"#ffe9a8\"/>"
                + "<text x=\"%.1f\" y=\"%d\" font-size=\"10\">contingency</text>", from, PAD, Math.max(1, to - from),
                H - 2 * PAD, from + 2, PAD + 10));
    }

    private static void bar(StringBuilder s, double x, double w, double fraction, String colour) {
        double top = y(fraction);
        s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                x, top, Math.max(0.5, w), H - PAD - top, colour));
    }

    private static void axisLabels(StringBuilder s, List<DrillReport.Interval> in, String top, String bottom) {
        s.append(String.format(Locale.ROOT, "<text x=\"2\" y=\"%d\" font-size=\"10\">%s</text><text x=\"2\" y=\"%d\" "
                + "font-size=\"10\">%s</text>", PAD + 4, top, H - PAD, bottom));
        if (!in.isEmpty()) {
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>"
                    + "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">%s</text>", PAD, H - 8,
                    esc(in.get(0).localStart()), W - PAD, H - 8, esc(in.get(in.size() - 1).localStart())));
        }
    }

    /** The first 200 of these calls, with the problem column when it says something the heading does not. */
    private static void callTable(StringBuilder h, List<DrillReport.LostCall> calls, boolean withProblem) {
        if (calls.isEmpty()) {
            return;
        }
        h.append("<table><tr><th class=l>call</th><th class=l>true outcome</th><th class=l>arrived</th>")
                .append(withProblem ? "<th class=l>problem</th>" : "").append("</tr>");
        for (DrillReport.LostCall l : calls.subList(0, Math.min(200, calls.size()))) {
            h.append("<tr><td class=l>").append(esc(l.callId())).append("</td><td class=l>")
                    .append(esc(l.outcome())).append("</td><td class=l>").append(esc(l.arrivedAt())).append("</td>")
                    .append(withProblem ? "<td class=l>" + esc(l.problem()) + "</td>" : "").append("</tr>");
        }
        h.append("</table>");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
