package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.abuse.Example.Source;
import org.parley.abuse.Example.Split;

/** Training on a tiny hand-written set: reproducible to the byte, and it learns something. */
class TrainerTest {

    private static final Trainer.Settings SMALL = new Trainer.Settings(14, 2, 4, true, 50, 100, 4, 3, 1e-3, 1.0, 0, false, false, 0, 100, 2);

    @Test
    void trainingTwiceOnTheSameDataGivesTheSameBytes() throws IOException {
        List<Example> examples = fixture();
        byte[] first = ModelFile.write(new Trainer(SMALL).train(examples, 7));
        byte[] second = ModelFile.write(new Trainer(SMALL).train(examples, 7));
        assertThat(second).isEqualTo(first);
        byte[] otherSeed = ModelFile.write(new Trainer(SMALL).train(examples, 8));
        assertThat(otherSeed).isNotEqualTo(first);
    }

    @Test
    void aModelSurvivesItsFileAndSeparatesTheTwoClasses() throws IOException {
        Model model = new Trainer(SMALL).train(fixture(), 7);
        Model read = ModelFile.read(new java.io.ByteArrayInputStream(ModelFile.write(model)), "test model").fast();
        Scorer scorer = new Scorer(read);
        // "you" alone is no evidence (pointer words have no features of their own): the insult words are
        String insult = "shut up, you pathetic clown";
        assertThat(scorer.logit(insult)).isGreaterThan(scorer.logit("the council published the budget"));
        assertThat(scorer.logit(insult)).isEqualTo(new Scorer(model).logit(insult));
    }

    @Test
    void everySourceWeighsTheSameAndItsClassesAreBalanced() {
        List<Example> examples = List.of(
                new Example("a", true, Source.OLID, Split.TRAIN),
                new Example("b", false, Source.OLID, Split.TRAIN),
                new Example("c", false, Source.OLID, Split.TRAIN),
                new Example("d", false, Source.OLID, Split.TRAIN),
                new Example("e", true, Source.CONVABUSE, Split.TRAIN),
                new Example("f", false, Source.CONVABUSE, Split.TRAIN));
        double[] w = new Trainer(SMALL).weights(examples);
        assertThat(w[0]).isEqualTo(0.25, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(w[1] + w[2] + w[3]).isEqualTo(0.25, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(w[4] + w[5]).isEqualTo(0.5, org.assertj.core.data.Offset.offset(1e-12));
    }

    static List<Example> fixture() throws IOException {
        try (InputStream in = TrainerTest.class.getClassLoader().getResourceAsStream("abuse/tiny-train.tsv")) {
            assertThat(in).as("abuse/tiny-train.tsv on the test class path").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .map(line -> line.split("\t", 2))
                    .map(cells -> new Example(cells[1], cells[0].equals("1"), Source.OLID, Split.TRAIN))
                    .toList();
        }
    }
}
