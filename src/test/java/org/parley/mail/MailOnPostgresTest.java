package org.parley.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.parley.store.Database;
import org.parley.store.StoreConfig;
import org.parley.testing.TestDatabases;
import org.parley.testing.TestSmtp;

/** The contract on PostgreSQL, plus what only several nodes on one database can show. */
class MailOnPostgresTest extends MailContract {

    @Override
    StoreConfig store(Path dir) {
        return TestDatabases.postgres(dir);
    }

    @Override
    void dropStore(StoreConfig config) {
        TestDatabases.dropPostgres(config);
    }

    @Test
    void twoNodesOnOneDatabaseSendEachEmailExactlyOnce() throws Exception {
        TestSmtp smtp = closeLater(TestSmtp.started());
        Database otherNode = closeLater(Database.open(config));
        List<Mail> nodes = List.of(mail(db, smtp, 5), mail(otherNode, smtp, 5));
        int emails = 40;
        for (int i = 0; i < emails; i++) {
            nodes.get(i % 2).enqueue(Emails.signIn("reader" + i + "@example.org"));
        }

        // Beside both nodes' own senders, four more passes race for the same rows.
        List<Callable<Integer>> passes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Mail node = nodes.get(i % 2);
            passes.add(node::sendDue);
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Integer> pass : pool.invokeAll(passes)) {
                pass.get();
            }
        }
        smtp.awaitReceived(emails);
        nodes.forEach(Mail::sendDue);

        List<String> recipients = smtp.received().stream().flatMap(message -> recipients(message).stream()).toList();
        assertThat(recipients).hasSize(emails).doesNotHaveDuplicates();
    }
}
