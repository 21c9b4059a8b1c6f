package org.parley;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.all;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaPackage;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.AbstractClassesTransformer;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ClassesTransformer;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.helidon.webserver.http.HttpService;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shape of Parley (DESIGN.md "Architecture", STYLE.md section 5) as executable rules over the
 * production classes. Each test is one rule; a failure names the offending class and says why the rule
 * exists.
 *
 * <p>Packages directly under {@code org.parley} fall in three groups: infrastructure ({@code store},
 * {@code live}, {@code http}), wiring ({@code web}, {@code cli}), and features: every other top-level
 * package. A new package is therefore treated as a feature (door, public-type and cross-feature rules
 * apply to it) until it is added to {@link #INFRASTRUCTURE} on purpose.
 */
class ArchitectureTest {

    private static final String ROOT = "org.parley";
    private static final Set<String> INFRASTRUCTURE = Set.of("store", "live", "http");
    private static final Set<String> WIRING = Set.of("web", "cli");

    /**
     * Interfaces that stay although they have fewer than two implementations in main code, because they
     * mark a real process boundary. Keep the reason next to the name.
     */
    private static final Map<String, String> SEAMS = Map.of(
            "org.parley.live.EventBus", "in-process today; PostgreSQL LISTEN/NOTIFY carries it across nodes next",
            "org.parley.comments.Gate", "a feature boundary: comments asks, screening decides, and comments "
                    + "may not depend on screening (screening depends on comments); PUBLISH_ALL is the other side");

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    private static final List<String> FEATURES = features(CLASSES);

    @Test
    void infrastructureDependsOnNoFeatureNorOnWebOrCli() {
        noClasses().that().resideInAnyPackage(trees(INFRASTRUCTURE))
                .should().dependOnClassesThat().resideInAnyPackage(trees(concat(FEATURES, WIRING)))
                .because("store, live and http are plumbing every feature builds on (DESIGN: dependencies point "
                        + "inward); if they reached into a feature or into the wiring, each feature would drag in all others")
                .check(CLASSES);
    }

    @Test
    void featuresDependOnNeitherWebNorCliAndWebDoesNotDependOnCli() {
        CompositeArchRule.of(noClasses().that().resideInAnyPackage(trees(FEATURES))
                        .should().dependOnClassesThat().resideInAnyPackage(trees(WIRING))
                        .because("web wires features and cli starts web (STYLE 1); a feature that imports either "
                                + "could no longer be built or tested without the whole server"))
                .and(noClasses().that().resideInAPackage(tree("web"))
                        .should().dependOnClassesThat().resideInAPackage(tree("cli"))
                        .because("cli is the entry point that calls web, never the other way round"))
                .check(CLASSES);
    }

    @Test
    void topLevelPackagesFormNoCycles() {
        slices().matching(ROOT + ".(*)..")
                .should().beFreeOfCycles()
                .because("a cycle between packages makes them one package in practice: neither can change, be "
                        + "tested or be understood alone (DESIGN: no cycles)")
                .check(CLASSES);
    }

    @Test
    void featuresUseOnlyPublicTypesOfOtherFeatures() {
        classes().that().resideInAnyPackage(trees(FEATURES))
                .should(useOnlyPublicTypesFromTheTopPackageOfOtherFeatures())
                .because("features talk by door call or event (STYLE 2, 5): only the door and the public records, "
                        + "enums and sealed interfaces it takes or returns cross a feature's border; repositories, "
                        + "routes, rows and a feature's sub-packages stay its own")
                .check(CLASSES);
    }

    @Test
    void publicTypesOfAFeatureAreRecordsEnumsSealedInterfacesOrItsDoor() {
        classes().that().resideInAnyPackage(FEATURES.stream().map(ArchitectureTest::pkg).toArray(String[]::new))
                .and().arePublic()
                .and().areTopLevelClasses()
                .should(beARecordAnEnumASealedInterfaceOrTheDoor())
                .because("one public door per feature (STYLE 2): the only other public types are the values it takes "
                        + "and returns; anything else public is a second, unplanned way into the feature")
                .check(CLASSES);
    }

    @Test
    void everyFeatureHasADoorWithAPublicStaticCreateMethod() {
        all(featurePackages())
                .should(haveAPublicFinalDoorWithAPublicStaticCreateMethod())
                .because("each feature is built by hand in the composition root through its door's static "
                        + "create(...) (STYLE 2, 6); no DI container, no public constructors to bypass it")
                .check(CLASSES);
    }

    @Test
    void routesArePackagePrivateHttpServicesThatTouchNoSql() {
        CompositeArchRule.of(classes().that().haveSimpleNameEndingWith("Routes")
                        .should().implement(HttpService.class)
                        .andShould().notBePublic()
                        .because("routes are the thin, package-private HttpService beside their feature, reached only "
                                + "through door.routes() (STYLE 3)"))
                .and(noClasses().that(areRoutesOrInsideRoutes())
                        .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..")
                        .because("a handler parses, calls the door and sends (STYLE 3); SQL belongs to the feature's "
                                + "repository, so a route that touches JDBI or JDBC skips the door's rules"))
                .check(CLASSES);
    }

    @Test
    void onlyRepositoriesAndStoreRunSqlOrUseJdbc() {
        CompositeArchRule.of(noClasses().that(areNeitherRepositoriesNorStore())
                        .should().accessTargetWhere(targetOwnerIsInJdbi())
                        .because("each feature owns its SQL in one XxxRepository (STYLE 4): Handle.createQuery, "
                                + "createUpdate, execute, select and the statements they return belong there; other "
                                + "classes only pass a Handle along"))
                .and(noClasses().that(areNeitherRepositoriesNorStore())
                        .should().dependOnClassesThat().resideInAPackage("java.sql..")
                        .because("JDBC result sets and exceptions stay inside repositories and store (STYLE 4)"))
                .check(CLASSES);
    }

    @Test
    void noClassNameEndsInServiceManagerHelperUtilImplOrDto() {
        noClasses().that().resideInAPackage(ROOT + "..")
                .should().haveSimpleNameEndingWith("Service")
                .orShould().haveSimpleNameEndingWith("Manager")
                .orShould().haveSimpleNameEndingWith("Helper")
                .orShould().haveSimpleNameEndingWith("Util")
                .orShould().haveSimpleNameEndingWith("Utils")
                .orShould().haveSimpleNameEndingWith("Impl")
                .orShould().haveSimpleNameEndingWith("Dto")
                .because("names say what a thing is (STYLE 7): the door is the feature noun, the other roles are "
                        + "Repository, Routes, Config; Helidon's HttpService is implemented, never imitated")
                .check(CLASSES);
    }

    @Test
    void nothingDependsOnLombokJpaOrADependencyInjectionContainer() {
        noClasses().that().resideInAPackage(ROOT + "..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "lombok..",
                        "jakarta.persistence..", "javax.persistence..", "org.hibernate..",
                        "com.google.inject..", "dagger..", "org.springframework..",
                        "jakarta.inject..", "javax.inject..")
                .because("no reflection magic (STYLE 25): wiring is plain constructor calls in one composition root "
                        + "and SQL is written out in repositories, so both can be read and debugged")
                .check(CLASSES);
    }

    @Test
    void everyUnsealedInterfaceHasTwoImplementationsOrIsAListedProcessSeam() {
        assertThat(SEAMS.keySet())
                .as("every allow-listed seam must still exist; drop stale entries")
                .allMatch(CLASSES::contain);
        classes().that().areInterfaces()
                .and().areNotAnnotations()
                .and(DescribedPredicate.describe("are not sealed", (JavaClass c) -> !c.isSealed()))
                .and(DescribedPredicate.describe("are not package-info", (JavaClass c) -> !c.getSimpleName().equals("package-info")))
                .and(areNotPrivateNestedFunctionalInterfaces())
                .should(haveTwoImplementationsOrBeAnAllowListedSeam())
                .because("interfaces only at real seams (STYLE 10): an interface with one implementation is a "
                        + "second name for the same thing and a hop for every reader; a sealed interface is a closed "
                        + "set of values, not a seam, and so is exempt")
                .check(CLASSES);
    }

    // ---- conditions -------------------------------------------------------------------------------

    private static ArchCondition<JavaClass> useOnlyPublicTypesFromTheTopPackageOfOtherFeatures() {
        return new ArchCondition<>("use only public types from the top package of other features") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = topPackage(origin).orElseThrow();
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    Optional<String> other = topPackage(target).filter(FEATURES::contains).filter(f -> !f.equals(own));
                    if (other.isEmpty()) {
                        continue;
                    }
                    if (!isVisibleEverywhere(target)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + ": " + target.getName() + " is not public, so it is internal to feature " + other.get()));
                    } else if (!target.getPackageName().equals(pkg(other.get()))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()
                                + ": " + target.getPackageName() + " is a sub-package, internal to feature " + other.get()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> beARecordAnEnumASealedInterfaceOrTheDoor() {
        return new ArchCondition<>("be a record, an enum, a sealed interface or the feature's door") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String door = doorName(topPackage(type).orElseThrow());
                boolean allowed = type.isRecord() || type.isEnum() || (type.isInterface() && type.isSealed())
                        || (type.isInterface() && SEAMS.containsKey(type.getName()))
                        || (type.getName().equals(door) && isPlainFinalClass(type));
                if (!allowed) {
                    events.add(SimpleConditionEvent.violated(type, type.getName() + " is a public " + kind(type)
                            + " in a feature " + type.getSourceCodeLocation() + "; make it package-private, or a "
                            + "record, enum or sealed interface; the only public class may be the door " + door));
                }
            }
        };
    }

    private static ArchCondition<JavaPackage> haveAPublicFinalDoorWithAPublicStaticCreateMethod() {
        return new ArchCondition<>("have a public final door class named after the package, with a public static "
                + "create(...) returning the door") {
            @Override
            public void check(JavaPackage feature, ConditionEvents events) {
                String door = doorName(feature.getRelativeName());
                Optional<JavaClass> found = feature.getClasses().stream().filter(c -> c.getName().equals(door)).findFirst();
                if (found.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(feature, "feature " + feature.getName() + " has no door "
                            + door + " (if it is infrastructure, add it to ArchitectureTest.INFRASTRUCTURE)"));
                    return;
                }
                JavaClass doorClass = found.get();
                if (!doorClass.getModifiers().contains(JavaModifier.PUBLIC) || !isPlainFinalClass(doorClass)) {
                    events.add(SimpleConditionEvent.violated(doorClass, door + " must be a public final class"));
                }
                boolean hasCreate = doorClass.getMethods().stream().anyMatch(method -> method.getName().equals("create")
                        && method.getModifiers().containsAll(Set.of(JavaModifier.PUBLIC, JavaModifier.STATIC))
                        && method.getRawReturnType().equals(doorClass));
                if (!hasCreate) {
                    events.add(SimpleConditionEvent.violated(doorClass, door
                            + " has no public static create(...) returning " + doorClass.getSimpleName()));
                }
            }
        };
    }

    private static ArchCondition<JavaClass> haveTwoImplementationsOrBeAnAllowListedSeam() {
        return new ArchCondition<>("have at least two implementations in main code or be an allow-listed seam") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                List<String> implementations = type.getAllSubclasses().stream()
                        .filter(c -> !c.isInterface() && !c.getModifiers().contains(JavaModifier.ABSTRACT))
                        .map(JavaClass::getName)
                        .sorted()
                        .toList();
                if (implementations.size() < 2 && !SEAMS.containsKey(type.getName())) {
                    events.add(SimpleConditionEvent.violated(type, type.getName() + " has " + implementations.size()
                            + " implementation(s) " + implementations + "; inline it into its implementation, seal it, "
                            + "or, if it is a process boundary, add it to ArchitectureTest.SEAMS with the reason"));
                }
            }
        };
    }

    // ---- predicates ------------------------------------------------------------------------------

    private static DescribedPredicate<JavaClass> areRoutesOrInsideRoutes() {
        return DescribedPredicate.describe("are *Routes classes or nested in one",
                (JavaClass c) -> outermost(c).getSimpleName().endsWith("Routes"));
    }

    private static DescribedPredicate<JavaClass> areNeitherRepositoriesNorStore() {
        return DescribedPredicate.describe("are neither *Repository classes (or nested in one) nor in " + tree("store"),
                (JavaClass c) -> !outermost(c).getSimpleName().endsWith("Repository")
                        && !c.getPackageName().equals(pkg("store")) && !c.getPackageName().startsWith(pkg("store") + "."));
    }

    private static DescribedPredicate<JavaAccess<?>> targetOwnerIsInJdbi() {
        return DescribedPredicate.describe("the method, constructor or field belongs to org.jdbi (Handle, Query, Update, …)",
                (JavaAccess<?> access) -> access.getTargetOwner().getPackageName().startsWith("org.jdbi."));
    }

    /**
     * Exempts private interfaces nested in a class that declare one abstract method. They exist only to
     * type a lambda (a callback whose method may throw, say); the lambdas that implement them are spun at
     * run time, so ArchUnit sees no implementing class to count, and being private they can never become a
     * seam that other code implements.
     */
    private static DescribedPredicate<JavaClass> areNotPrivateNestedFunctionalInterfaces() {
        return DescribedPredicate.describe("are not private nested functional interfaces", (JavaClass c) -> {
            boolean privateNested = c.isNestedClass() && c.getModifiers().contains(JavaModifier.PRIVATE);
            long abstractMethods = c.getMethods().stream()
                    .filter(m -> m.getModifiers().contains(JavaModifier.ABSTRACT))
                    .count();
            return !(privateNested && abstractMethods == 1);
        });
    }

    private static ClassesTransformer<JavaPackage> featurePackages() {
        return new AbstractClassesTransformer<>("feature packages") {
            @Override
            public Iterable<JavaPackage> doTransform(JavaClasses classes) {
                return FEATURES.stream().map(feature -> classes.getPackage(pkg(feature))).toList();
            }
        };
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** Every top-level package under org.parley that holds classes and is neither infrastructure nor wiring. */
    private static List<String> features(JavaClasses classes) {
        Set<String> found = new TreeSet<>();
        classes.forEach(c -> topPackage(c).ifPresent(found::add));
        found.removeAll(INFRASTRUCTURE);
        found.removeAll(WIRING);
        if (found.isEmpty()) {
            throw new IllegalStateException("no feature packages found under " + ROOT + "; is target/classes on the class path?");
        }
        return List.copyOf(found);
    }

    /** {@code comments} for any class in {@code org.parley.comments} or below it. */
    private static Optional<String> topPackage(JavaClass c) {
        String name = c.getPackageName();
        if (!name.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String rest = name.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    private static String doorName(String feature) {
        return pkg(feature) + "." + feature.substring(0, 1).toUpperCase(Locale.ROOT) + feature.substring(1);
    }

    private static boolean isPlainFinalClass(JavaClass c) {
        return !c.isInterface() && !c.isRecord() && !c.isEnum() && c.getModifiers().contains(JavaModifier.FINAL);
    }

    /** Public, and so is every class it is nested in. */
    private static boolean isVisibleEverywhere(JavaClass c) {
        for (Optional<JavaClass> at = Optional.of(c); at.isPresent(); at = at.get().getEnclosingClass()) {
            if (!at.get().getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return true;
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass at = c;
        while (at.getEnclosingClass().isPresent()) {
            at = at.getEnclosingClass().get();
        }
        return at;
    }

    private static String kind(JavaClass c) {
        if (c.isAnnotation()) {
            return "annotation";
        }
        if (c.isInterface()) {
            return "interface that is not sealed";
        }
        return c.getModifiers().contains(JavaModifier.ABSTRACT) ? "abstract class" : "class";
    }

    private static String pkg(String topLevel) {
        return ROOT + "." + topLevel;
    }

    private static String tree(String topLevel) {
        return pkg(topLevel) + "..";
    }

    private static String[] trees(Collection<String> topLevels) {
        return topLevels.stream().sorted().map(ArchitectureTest::tree).toArray(String[]::new);
    }

    private static List<String> concat(Collection<String> a, Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
