package io.switchboard.directory.importer;

import io.switchboard.directory.model.Sex;
import io.switchboard.directory.model.WeeklyHours;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The validation rules both import formats share; each failure is a message for the import report. */
final class Drafts {

    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    static final Pattern TYPE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    static final Pattern DISPOSITION = Pattern.compile("(Dx|SB)[A-Za-z0-9]{1,16}");
    static final Set<String> METHODS = Set.of("telephone", "electronic", "walk-in");

    private Drafts() {
    }

    static String id(String what, String value, List<String> errors) {
        if (value == null || value.isBlank()) {
            errors.add(what + " is missing");
            return null;
        }
        String v = value.trim();
        if (!ID.matcher(v).matches()) {
            errors.add(what + " '" + v + "' must be letters, digits, '.', '_', ':' or '-' (at most 100)");
        }
        return v;
    }

    static String required(String what, String value, int max, List<String> errors) {
        if (value == null || value.isBlank()) {
            errors.add(what + " is missing");
            return null;
        }
        if (value.trim().length() > max) {
            errors.add(what + " is longer than " + max + " characters");
        }
        return value.trim();
    }

    static String type(String value, List<String> errors) {
        if (value == null || value.isBlank()) {
            errors.add("service type is missing");
            return null;
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!TYPE.matcher(v).matches()) {
            errors.add("service type '" + value + "' must be lower-case words joined by dashes");
        }
        return v;
    }

    static List<String> dispositions(List<String> codes, List<String> errors) {
        List<String> out = new ArrayList<>();
        for (String raw : codes) {
            String code = raw.trim();
            if (code.isEmpty()) {
                continue;
            }
            if (!DISPOSITION.matcher(code).matches()) {
                errors.add("disposition '" + code + "' is not a Dx or SB code");
            } else if (!out.contains(code)) {
                out.add(code);
            }
        }
        return out;
    }

    static List<String> referralMethods(List<String> methods, List<String> errors) {
        List<String> out = new ArrayList<>();
        for (String raw : methods) {
            String m = raw.trim().toLowerCase(Locale.ROOT);
            if (m.isEmpty()) {
                continue;
            }
            if (!METHODS.contains(m)) {
                errors.add("referral method '" + raw.trim() + "' is not telephone, electronic or walk-in");
            } else if (!out.contains(m)) {
                out.add(m);
            }
        }
        if (out.isEmpty() && errors.stream().noneMatch(e -> e.startsWith("referral method"))) {
            errors.add("at least one referral method (telephone, electronic, walk-in) is required");
        }
        return out;
    }

    static String sex(String value, List<String> errors) {
        try {
            Sex sex = Sex.parse(value);
            if (sex == Sex.NOT_KNOWN) {
                errors.add("a service's sex must be any, female or male");
                return "any";
            }
            return sex.wireName();
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
            return "any";
        }
    }

    static int age(String what, String value, int otherwise, List<String> errors) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int age = Integer.parseInt(value.trim());
            if (age < 0 || age > 130) {
                errors.add(what + " must be 0 to 130, was " + age);
            }
            return age;
        } catch (NumberFormatException e) {
            errors.add(what + " '" + value + "' is not a whole number");
            return otherwise;
        }
    }

    static List<Integer> symptomGroups(List<String> values, List<String> errors) {
        List<Integer> out = new ArrayList<>();
        for (String raw : values) {
            if (raw.isBlank()) {
                continue;
            }
            try {
                out.add(Integer.parseInt(raw.trim()));
            } catch (NumberFormatException e) {
                errors.add("symptom group '" + raw.trim() + "' is not a number");
            }
        }
        return out;
    }

    static Double coordinate(String what, String value, double limit, List<String> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double v = Double.parseDouble(value.trim());
            if (Double.isNaN(v) || v < -limit || v > limit) {
                errors.add(what + " must be between -" + (int) limit + " and " + (int) limit);
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            errors.add(what + " '" + value + "' is not a number");
            return null;
        }
    }

    /** A session "08:00-18:30"; a closing time not after the opening one is the next day (18:30-08:00). */
    static int[] session(int day, String opens, String closes, List<String> errors) {
        try {
            int o = WeeklyHours.parseClock(opens);
            int c = WeeklyHours.parseClock(closes);
            if (o == 1440) {
                errors.add("a session cannot open at 24:00");
                return null;
            }
            if (c == 0) {
                c = 1440;
            }
            return new int[] {day, o, c};
        } catch (IllegalArgumentException e) {
            errors.add(e.getMessage());
            return null;
        }
    }

    static List<String> split(String cell, String separator) {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        return List.of(cell.split(separator));
    }
}
