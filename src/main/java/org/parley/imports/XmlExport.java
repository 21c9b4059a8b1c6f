package org.parley.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XML export as a stream, safely: the JDK's own StAX parser with DTDs and external entities turned off,
 * and a file that declares a DOCTYPE refused outright, so nothing in a file can make Parley read another file or a
 * URL (XXE) or expand entities without end. Parse errors become {@link BadExport}s naming line and column.
 */
final class XmlExport implements AutoCloseable {

    private final String file;
    private final InputStream in;
    private final XMLStreamReader reader;

    private XmlExport(String file, InputStream in, XMLStreamReader reader) {
        this.file = file;
        this.in = in;
        this.reader = reader;
    }

    static XmlExport open(Path path) {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        InputStream in;
        try {
            in = new java.io.BufferedInputStream(Files.newInputStream(path), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
        try {
            return new XmlExport(path.getFileName().toString(), in, factory.createXMLStreamReader(in));
        } catch (XMLStreamException e) {
            closeQuietly(in);
            throw new BadExport(path.getFileName() + ": " + describe(e));
        }
    }

    /** The root element's local name, after refusing a DOCTYPE before it. */
    String root() {
        return nextElement().orElseThrow(() -> new BadExport(file + ": the file holds no XML element"));
    }

    /**
     * Moves to the next start element below the current element and returns its local name; empty when the
     * current element ends first (the reader is then on its end tag).
     */
    java.util.Optional<String> nextElement() {
        try {
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new BadExport(at() + "the file declares a DOCTYPE; Parley reads exports"
                            + " without DTDs or entity declarations (they can make a parser read other files), so it refuses"
                            + " this one. Remove the <!DOCTYPE …> line if the export really needs none.");
                    case XMLStreamConstants.START_ELEMENT -> {
                        return java.util.Optional.of(reader.getLocalName());
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        return java.util.Optional.empty();
                    }
                    default -> {
                    }
                }
            }
            return java.util.Optional.empty();
        } catch (XMLStreamException e) {
            throw new BadExport(file + ": " + describe(e));
        }
    }

    /** The namespace of the start element the reader is on. */
    String namespace() {
        String ns = reader.getNamespaceURI();
        return ns == null ? "" : ns;
    }

    /** An attribute of the start element the reader is on, by local name, whatever its namespace. */
    java.util.Optional<String> attribute(String localName) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            if (reader.getAttributeLocalName(i).equals(localName)) {
                return java.util.Optional.of(reader.getAttributeValue(i));
            }
        }
        return java.util.Optional.empty();
    }

    int line() {
        return reader.getLocation().getLineNumber();
    }

    /** "courier.xml line 12: ", for messages about where the reader is. */
    String at() {
        return file + " line " + line() + ": ";
    }

    String file() {
        return file;
    }

    /**
     * Reads the element the reader is on to its end: returns the text of each element below it by its path of
     * local names ({@code author/name}) and each attribute as {@code path@name} ({@code thread@id}); the first of
     * repeated ones counts. {@code nested} gets each child element with the given local name instead (the reader
     * then stands on that child; the consumer must read it to its end).
     */
    Map<String, String> flatten(String nestedName, Consumer<XmlExport> nested) {
        Map<String, String> out = new HashMap<>();
        attributes("", out);
        try {
            StringBuilder text = new StringBuilder();
            java.util.ArrayDeque<String> path = new java.util.ArrayDeque<>();
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new BadExport(at() + "a DOCTYPE inside the document is refused");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (path.isEmpty() && reader.getLocalName().equals(nestedName)) {
                            nested.accept(this);
                            continue;
                        }
                        path.addLast(path.isEmpty() ? reader.getLocalName() : path.getLast() + "/" + reader.getLocalName());
                        attributes(path.getLast(), out);
                        text.setLength(0);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
                            text.append(reader.getText());
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (path.isEmpty()) {
                            return out;
                        }
                        out.putIfAbsent(path.removeLast(), text.toString());
                        text.setLength(0);
                    }
                    default -> {
                    }
                }
            }
            throw new BadExport(at() + "the file ends inside an element");
        } catch (XMLStreamException e) {
            throw new BadExport(file + ": " + describe(e));
        }
    }

    /** Skips the element the reader is on, to its end tag. */
    void skip() {
        flatten("", x -> x.skip());
    }

    private void attributes(String path, Map<String, String> out) {
        for (int i = 0; i < reader.getAttributeCount(); i++) {
            out.putIfAbsent(path + "@" + reader.getAttributeLocalName(i), reader.getAttributeValue(i));
        }
    }

    /** A parser's complaint as a person reads it: where, and what, without the parser's own framing. */
    private static String describe(XMLStreamException e) {
        Location where = e.getLocation();
        String message = e.getMessage() == null ? "unreadable XML" : e.getMessage();
        int framed = message.indexOf("Message: ");
        if (framed >= 0) {
            message = message.substring(framed + "Message: ".length());
        }
        String prefix = where == null ? "" : "line " + where.getLineNumber() + ", column " + where.getColumnNumber() + ": ";
        return prefix + "not well-formed XML: " + message.strip();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (XMLStreamException e) {
            // Closing a reader that already failed: the failure that matters was reported.
        }
        closeQuietly(in);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // Nothing was written; a failed close of a file read cannot lose data.
        }
    }
}
