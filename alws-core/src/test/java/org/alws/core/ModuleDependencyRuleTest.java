package org.alws.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Enforces the dependency rule of design.md section 3 on the poms and the main sources of every module:
 *
 * <ul>
 *   <li>the root aggregates exactly the seven modules;</li>
 *   <li>alws-api depends on the JDK only;</li>
 *   <li>every other module depends on alws-api;</li>
 *   <li>plugins (alws-models, alws-baselines, alws-examples) depend on no other module of ours outside test scope;
 *   </li>
 *   <li>only alws-cli depends on alws-core, alws-models, alws-baselines or alws-tensorflow outside test scope;</li>
 *   <li>only alws-tensorflow's main sources refer to {@code org.tensorflow}, and no plugin's main sources refer to
 *       {@code org.alws.core} or {@code org.alws.tensorflow}.</li>
 * </ul>
 *
 * "Outside test scope" means compile, provided, runtime or system scope, also when declared in a profile. The rule
 * checker is exercised on synthetic trees too, so that a broken checker cannot pass the real tree by accident.
 */
class ModuleDependencyRuleTest {
    static final String GROUP = "org.alws";
    static final List<String> MODULES = List.of("alws-api", "alws-core", "alws-tensorflow", "alws-models",
            "alws-baselines", "alws-cli", "alws-examples");
    static final Set<String> PLUGINS = Set.of("alws-models", "alws-baselines", "alws-examples");
    static final List<String> CLI_ONLY = List.of("alws-core", "alws-models", "alws-baselines", "alws-tensorflow");
    static final Pattern TENSORFLOW = Pattern.compile("\\borg\\s*\\.\\s*tensorflow\\b");
    static final Pattern CORE_OR_BACKEND = Pattern.compile("\\borg\\s*\\.\\s*alws\\s*\\.\\s*(core|tensorflow)\\b");

    @TempDir
    Path temp;

    @Test
    void theRepositoryFollowsTheDependencyRule() {
        Path root = repositoryRoot();

        assertThat(violations(root)).as("dependency rule violations in %s", root).isEmpty();
    }

    // ------------------------------------------------------------------------------------- the checker's own tests

    @Test
    void aTreeFollowingTheRuleHasNoViolations() throws IOException {
        goodTree();

        assertThat(violations(temp)).isEmpty();
    }

    @Test
    void theRootMustAggregateExactlyTheSevenModules() throws IOException {
        goodTree();
        write("pom.xml", rootPom(List.of("alws-api", "alws-core", "alws-tensorflow", "alws-models",
                "alws-baselines", "alws-cli", "alws-extra")));

        assertThat(violations(temp)).containsExactly("root pom.xml must aggregate exactly alws-api, alws-core,"
                + " alws-tensorflow, alws-models, alws-baselines, alws-cli, alws-examples; missing: alws-examples;"
                + " unexpected: alws-extra");
    }

    @Test
    void theApiDependsOnNothing() throws IOException {
        goodTree();
        write("alws-api/pom.xml", pom("alws-api", "com.fasterxml.jackson.core:jackson-databind",
                "org.junit.jupiter:junit-jupiter:test"));

        assertThat(violations(temp)).containsExactly("alws-api depends on com.fasterxml.jackson.core:jackson-databind"
                + " in compile scope; alws-api must depend on the JDK only");
    }

    @Test
    void everyOtherModuleDependsOnTheApi() throws IOException {
        goodTree();
        write("alws-baselines/pom.xml", pom("alws-baselines", "alws-api:test"));

        assertThat(violations(temp)).containsExactly(
                "alws-baselines does not depend on alws-api outside test scope; every module but alws-api must");
    }

    @Test
    void pluginsDoNotDependOnEachOtherOrOnCoreOrOnTheBackendOutsideTestScope() throws IOException {
        goodTree();
        write("alws-models/pom.xml", pom("alws-models", "alws-api", "alws-baselines", "alws-core:test"));
        write("alws-examples/pom.xml", pom("alws-examples", "alws-api", "alws-tensorflow:provided"));
        write("alws-baselines/pom.xml", pom("alws-baselines", "alws-api", "alws-core:runtime"));

        assertThat(violations(temp)).containsExactlyInAnyOrder(
                "alws-models depends on alws-baselines in compile scope; plugins depend on alws-api only"
                        + " (other modules in test scope at most)",
                "alws-baselines depends on alws-core in runtime scope; plugins depend on alws-api only"
                        + " (other modules in test scope at most)",
                "alws-examples depends on alws-tensorflow in provided scope; plugins depend on alws-api only"
                        + " (other modules in test scope at most)");
    }

    @Test
    void onlyTheCliDependsOnCoreModelsBaselinesAndTheBackend() throws IOException {
        goodTree();
        write("alws-tensorflow/pom.xml", pom("alws-tensorflow", "alws-api", "alws-core"));
        write("alws-core/pom.xml", pom("alws-core", "alws-api", "alws-tensorflow", "alws-models:test"));

        assertThat(violations(temp)).containsExactlyInAnyOrder(
                "alws-tensorflow depends on alws-core in compile scope; only alws-cli may depend on alws-core"
                        + " outside test scope",
                "alws-core depends on alws-tensorflow in compile scope; only alws-cli may depend on alws-tensorflow"
                        + " outside test scope");
    }

    @Test
    void dependenciesInProfilesCountAndManagedOnesDoNot() throws IOException {
        goodTree();
        write("alws-models/pom.xml", pom("alws-models", "alws-api").replace("</project>", """
                  <dependencyManagement><dependencies>
                    <dependency><groupId>org.alws</groupId><artifactId>alws-core</artifactId></dependency>
                  </dependencies></dependencyManagement>
                  <profiles><profile><id>gpu</id><dependencies>
                    <dependency><groupId>${project.groupId}</groupId><artifactId>alws-core</artifactId></dependency>
                  </dependencies></profile></profiles>
                </project>"""));

        assertThat(violations(temp)).containsExactly("alws-models depends on alws-core in compile scope (profile"
                + " gpu); plugins depend on alws-api only (other modules in test scope at most)");
    }

    @Test
    void mainSourcesAreScannedForForbiddenPackagesIgnoringCommentsStringsAndTests() throws IOException {
        goodTree();
        write("alws-models/src/main/java/org/x/Model.java", """
                package org.x;

                import org.tensorflow.Graph;
                import static org.alws.core.registry.PluginRegistry.discover;
                // org.alws.core is fine in a comment, /* and org.tensorflow too */
                class Model { String s = "org.tensorflow"; }
                """);
        write("alws-models/src/main/java/org/x/Other.java", """
                package org.x;
                /** See {@link org.alws.tensorflow.Tf}. */
                class Other { Object o = org.alws
                        .tensorflow.Tf.class; }
                """);
        write("alws-models/src/test/java/org/x/ModelTest.java", "import org.alws.core.run.Json;\n");
        write("alws-core/src/main/java/org/alws/core/Bad.java",
                "package org.alws.core;\nimport org.tensorflow.Tensor;\n");
        write("alws-tensorflow/src/main/java/org/alws/tensorflow/Tf.java",
                "package org.alws.tensorflow;\nimport org.tensorflow.Graph;\n");
        write("alws-cli/src/main/java/org/alws/cli/Main.java", "package org.alws.cli;\nimport org.alws.core.X;\n");

        assertThat(violations(temp)).containsExactlyInAnyOrder(
                "alws-core/src/main/java/org/alws/core/Bad.java:2 refers to org.tensorflow; only alws-tensorflow"
                        + " may use TensorFlow",
                "alws-models/src/main/java/org/x/Model.java:3 refers to org.tensorflow; only alws-tensorflow may"
                        + " use TensorFlow",
                "alws-models/src/main/java/org/x/Model.java:4 refers to org.alws.core; plugins may use alws-api"
                        + " only",
                "alws-models/src/main/java/org/x/Other.java:3 refers to org.alws.tensorflow; plugins may use"
                        + " alws-api only");
    }

    @Test
    void aMissingModulePomIsReported() throws IOException {
        goodTree();
        Files.delete(temp.resolve("alws-cli/pom.xml"));

        assertThat(violations(temp)).containsExactly("alws-cli has no pom.xml");
    }

    // ---------------------------------------------------------------------------------------------- the checker

    /** Every breach of the rule under {@code root}, one line each naming the module and the dependency. */
    static List<String> violations(Path root) {
        List<String> out = new ArrayList<>();
        Element rootPom = parse(root.resolve("pom.xml"));
        List<String> aggregated = new ArrayList<>();
        for (Element modules : children(rootPom, "modules")) {
            for (Element module : children(modules, "module")) {
                aggregated.add(module.getTextContent().strip());
            }
        }
        Set<String> missing = new LinkedHashSet<>(MODULES);
        missing.removeAll(aggregated);
        Set<String> unexpected = new LinkedHashSet<>(aggregated);
        MODULES.forEach(unexpected::remove);
        if (!missing.isEmpty() || !unexpected.isEmpty() || aggregated.size() != MODULES.size()) {
            out.add("root pom.xml must aggregate exactly " + String.join(", ", MODULES) + "; missing: "
                    + (missing.isEmpty() ? "none" : String.join(", ", missing)) + "; unexpected: "
                    + (unexpected.isEmpty() ? "none" : String.join(", ", unexpected)));
        }
        for (String module : MODULES) {
            Path pom = root.resolve(module).resolve("pom.xml");
            if (!Files.isRegularFile(pom)) {
                out.add(module + " has no pom.xml");
                continue;
            }
            checkPom(module, dependencies(parse(pom)), out);
            checkSources(root, module, out);
        }
        return out;
    }

    /** A declared dependency; {@code where} is empty or {@code " (profile id)"}. */
    record Dependency(String groupId, String artifactId, String scope, String type, String where) {
        boolean isMain() {
            return !scope.equals("test") && !scope.equals("import");
        }

        boolean isOurs() {
            return groupId.equals(GROUP) || groupId.equals("${project.groupId}");
        }

        String coordinates() {
            return isOurs() ? artifactId : groupId + ":" + artifactId;
        }
    }

    private static void checkPom(String module, List<Dependency> deps, List<String> out) {
        if (module.equals("alws-api")) {
            for (Dependency d : deps) {
                if (d.isMain()) {
                    out.add("alws-api depends on " + d.coordinates() + " in " + d.scope() + " scope" + d.where()
                            + "; alws-api must depend on the JDK only");
                }
            }
            return;
        }
        boolean usesApi = deps.stream().anyMatch(d -> d.isMain() && d.isOurs() && d.artifactId().equals("alws-api")
                && !d.type().equals("test-jar"));
        if (!usesApi) {
            out.add(module + " does not depend on alws-api outside test scope; every module but alws-api must");
        }
        for (Dependency d : deps) {
            if (!d.isMain() || !d.isOurs() || d.artifactId().equals("alws-api")) {
                continue;
            }
            String what = module + " depends on " + d.artifactId() + " in " + d.scope() + " scope" + d.where();
            if (PLUGINS.contains(module)) {
                out.add(what + "; plugins depend on alws-api only (other modules in test scope at most)");
            } else if (!module.equals("alws-cli") && CLI_ONLY.contains(d.artifactId())) {
                out.add(what + "; only alws-cli may depend on " + d.artifactId() + " outside test scope");
            }
        }
    }

    private static void checkSources(Path root, String module, List<String> out) {
        Path sources = root.resolve(module).resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Path file : files) {
            String code;
            try {
                code = codeOnly(Files.readString(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String shown = root.relativize(file).toString().replace('\\', '/');
            if (!module.equals("alws-tensorflow")) {
                Matcher m = TENSORFLOW.matcher(code);
                if (m.find()) {
                    out.add(shown + ":" + lineOf(code, m.start()) + " refers to org.tensorflow; only alws-tensorflow"
                            + " may use TensorFlow");
                }
            }
            if (PLUGINS.contains(module)) {
                Matcher m = CORE_OR_BACKEND.matcher(code);
                if (m.find()) {
                    out.add(shown + ":" + lineOf(code, m.start()) + " refers to org.alws." + m.group(1)
                            + "; plugins may use alws-api only");
                }
            }
        }
    }

    /** The source with comments, string, text-block and character literals blanked out, line ends kept. */
    static String codeOnly(String src) {
        StringBuilder sb = new StringBuilder(src.length());
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            String rest3 = src.substring(i, Math.min(n, i + 3));
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    sb.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                blank(src, i, end, sb);
                i = end;
            } else if (rest3.equals("\"\"\"")) {
                int end = i + 3;
                while (end < n && !src.startsWith("\"\"\"", end)) {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 3);
                blank(src, i, end, sb);
                i = end;
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < n && src.charAt(end) != c && src.charAt(end) != '\n') {
                    end += src.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(n, end + 1);
                blank(src, i, end, sb);
                i = end;
            } else {
                sb.append(c);
                i++;
            }
        }
        return sb.toString();
    }

    private static void blank(String src, int from, int to, StringBuilder sb) {
        for (int k = from; k < to; k++) {
            sb.append(src.charAt(k) == '\n' ? '\n' : ' ');
        }
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int k = 0; k < offset; k++) {
            if (text.charAt(k) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static List<Dependency> dependencies(Element project) {
        List<Dependency> deps = new ArrayList<>();
        for (Element list : children(project, "dependencies")) {
            addDependencies(list, "", deps);
        }
        for (Element profiles : children(project, "profiles")) {
            for (Element profile : children(profiles, "profile")) {
                String id = text(profile, "id", "?");
                for (Element list : children(profile, "dependencies")) {
                    addDependencies(list, " (profile " + id + ")", deps);
                }
            }
        }
        return deps;
    }

    private static void addDependencies(Element list, String where, List<Dependency> deps) {
        for (Element d : children(list, "dependency")) {
            deps.add(new Dependency(text(d, "groupId", ""), text(d, "artifactId", ""), text(d, "scope", "compile"),
                    text(d, "type", "jar"), where));
        }
    }

    private static String text(Element parent, String name, String otherwise) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? otherwise : found.get(0).getTextContent().strip();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element parse(Path pom) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            return builder.parse(pom.toFile()).getDocumentElement();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot parse " + pom + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pom, e);
        }
    }

    /** The directory above the module whose pom.xml has {@code <modules>}: the repository root. */
    static Path repositoryRoot() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null;
                dir = dir.getParent()) {
            Path pom = dir.resolve("pom.xml");
            if (Files.isRegularFile(pom) && !children(parse(pom), "modules").isEmpty()) {
                return dir;
            }
        }
        throw new IllegalStateException("no pom.xml with <modules> above " + System.getProperty("user.dir"));
    }

    // ---------------------------------------------------------------------------------------------- synthetic trees

    private void goodTree() throws IOException {
        write("pom.xml", rootPom(MODULES));
        write("alws-api/pom.xml", pom("alws-api", "org.junit.jupiter:junit-jupiter:test"));
        write("alws-core/pom.xml", pom("alws-core", "alws-api", "com.fasterxml.jackson.core:jackson-databind",
                "alws-tensorflow:test"));
        write("alws-tensorflow/pom.xml", pom("alws-tensorflow", "alws-api", "org.tensorflow:tensorflow-core-api"));
        write("alws-models/pom.xml", pom("alws-models", "alws-api", "alws-api:test:test-jar", "alws-tensorflow:test",
                "alws-core:test"));
        write("alws-baselines/pom.xml", pom("alws-baselines", "${project.groupId}:alws-api", "alws-tensorflow:test"));
        write("alws-examples/pom.xml", pom("alws-examples", "alws-api", "alws-tensorflow:test"));
        write("alws-cli/pom.xml", pom("alws-cli", "alws-api", "alws-core", "alws-tensorflow", "alws-models",
                "alws-baselines", "alws-examples:test"));
    }

    private static String rootPom(List<String> modules) {
        StringBuilder sb = new StringBuilder("<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <modules>\n");
        for (String m : modules) {
            sb.append("    <module>").append(m).append("</module>\n");
        }
        return sb.append("  </modules>\n</project>\n").toString();
    }

    /**
     * A module pom; each dependency is {@code artifact}, {@code artifact:scope[:type]} or
     * {@code group:artifact[:scope]}.
     */
    private static String pom(String artifactId, String... deps) {
        StringBuilder sb = new StringBuilder("<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n  <artifactId>")
                .append(artifactId).append("</artifactId>\n  <dependencies>\n");
        for (String spec : deps) {
            String[] p = spec.split(":");
            boolean ours = p[0].startsWith("alws-");
            String group = ours ? GROUP : p[0];
            String artifact = ours ? p[0] : p[1];
            int next = ours ? 1 : 2;
            sb.append("    <dependency><groupId>").append(group).append("</groupId><artifactId>").append(artifact)
                    .append("</artifactId>");
            if (p.length > next) {
                sb.append("<scope>").append(p[next]).append("</scope>");
            }
            if (p.length > next + 1) {
                sb.append("<type>").append(p[next + 1]).append("</type>");
            }
            sb.append("</dependency>\n");
        }
        return sb.append("  </dependencies>\n</project>\n").toString();
    }

    private void write(String relative, String content) throws IOException {
        Path file = temp.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
