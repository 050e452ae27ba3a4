package io.switchboard.triage.pathway;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.switchboard.events.DispositionCatalogue;
import io.switchboard.triage.pathway.PathwayDocuments.IndexDocument;
import io.switchboard.triage.pathway.PathwayDocuments.IndexEntry;
import io.switchboard.triage.pathway.PathwayDocuments.PathwayDocument;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads pathway content: {@code index.yaml} lists every pathway version ever published, each with the SHA-256 of its
 * content, so that a published version can never change unnoticed. Every file is validated ({@link PathwayValidator})
 * against the one disposition catalogue of the event contract ({@link DispositionCatalogue#shared()}, shared with
 * directory-service); any problem anywhere refuses the whole content, with every problem listed.
 */
public final class PathwayLoader {

    /** Where the content lives on the classpath. */
    public static final String CLASSPATH_DIRECTORY = "pathways";
    public static final String INDEX = "index.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Where the files are read from: the classpath (the packaged content) or a directory. */
    @FunctionalInterface
    public interface Source {
        /** @return the file's bytes, or null when there is no such file */
        byte[] read(String name) throws IOException;
    }

    private PathwayLoader() {
    }

    public static Source classpath(String directory) {
        return name -> {
            try (InputStream in = Thread.currentThread().getContextClassLoader()
                    .getResourceAsStream(directory + "/" + name)) {
                return in == null ? null : in.readAllBytes();
            }
        };
    }

    public static Source directory(Path directory) {
        return name -> {
            Path file = directory.resolve(name);
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        };
    }

    /** The content shipped with the service ({@code pathways/} on the classpath). */
    public static PathwayCatalogue loadPackaged() {
        return load(classpath(CLASSPATH_DIRECTORY));
    }

    public static PathwayCatalogue load(Source source) {
        DispositionCatalogue dispositions = DispositionCatalogue.shared();
        IndexDocument index = parse(INDEX, read(source, INDEX), IndexDocument.class);
        if (index.dispositions() != null) {
            throw new PathwayValidationException(List.of(INDEX + ": names a dispositions file ('"
                    + index.dispositions() + "'), but pathway content no longer defines dispositions: every service "
                    + "uses the one catalogue of the event contract (" + DispositionCatalogue.FILE + " in "
                    + "switchboard-events, docs/events.md). Remove the 'dispositions' line"));
        }
        if (index.pathways() == null || index.pathways().isEmpty()) {
            throw new PathwayValidationException(List.of(INDEX + ": lists no pathways"));
        }

        List<String> problems = new ArrayList<>();
        List<Pathway> pathways = new ArrayList<>();
        Set<String> files = new HashSet<>();
        for (IndexEntry entry : index.pathways()) {
            if (entry.file() == null) {
                problems.add(INDEX + ": a pathways entry has no file");
                continue;
            }
            if (!files.add(entry.file())) {
                problems.add(INDEX + ": lists " + entry.file() + " twice");
                continue;
            }
            byte[] content;
            try {
                content = read(source, entry.file());
            } catch (PathwayValidationException e) {
                problems.addAll(e.problems());
                continue;
            }
            String sha256 = sha256(content);
            if (entry.sha256() == null) {
                problems.add(INDEX + ": " + entry.file() + " has no sha256; a published version must never change, "
                        + "so record its hash: sha256: " + sha256);
            } else if (!entry.sha256().equals(sha256)) {
                problems.add(entry.file() + ": has changed since it was published (its sha256 is " + sha256 + ", "
                        + INDEX + " says " + entry.sha256() + "): published pathway versions are immutable, add a "
                        + "new version instead");
            }
            try {
                pathways.add(parsePathway(entry.file(), content, dispositions));
            } catch (PathwayValidationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new PathwayValidationException(problems);
        }
        return new PathwayCatalogue(dispositions, pathways);
    }

    /** Parses and validates one pathway file; {@code file} is its name (e.g. {@code chest-pain.v1.yaml}). */
    public static Pathway parsePathway(String file, byte[] content, DispositionCatalogue dispositions) {
        return PathwayValidator.pathway(file, sha256(content), parse(file, content, PathwayDocument.class),
                dispositions);
    }

    /** SHA-256 of the content with line endings normalised to LF (a Windows checkout hashes the same). */
    public static String sha256(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8).replace("\r\n", "\n");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    private static byte[] read(Source source, String name) {
        try {
            byte[] content = source.read(name);
            if (content == null) {
                throw new PathwayValidationException(List.of(name + ": file not found"));
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pathway content " + name, e);
        }
    }

    private static <T> T parse(String file, byte[] content, Class<T> type) {
        try {
            T document = YAML.readValue(content, type);
            if (document == null) {
                throw new PathwayValidationException(List.of(file + ": is empty"));
            }
            return document;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? ""
                    : " (known here: " + e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                            .collect(Collectors.joining(", ")) + ")";
            throw new PathwayValidationException(List.of(file + ": line " + e.getLocation().getLineNr()
                    + ": unknown property '" + e.getPropertyName() + "'" + known));
        } catch (JsonProcessingException e) {
            String line = e.getLocation() == null ? "" : "line " + e.getLocation().getLineNr() + ": ";
            throw new PathwayValidationException(List.of(file + ": " + line + "not valid: " + e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pathway content " + file, e);
        }
    }
}
