package io.junction.server.demo;

import java.text.Normalizer;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.SplittableRandom;

/** Word lists and draws for the demo data: plausible text, some of it non-ASCII, all from a seeded random. */
final class SampleText {
    /** Data spans two calendar years, fixed so that every start produces the same rows. */
    static final LocalDateTime EPOCH = LocalDateTime.of(2023, 1, 1, 0, 0);
    static final LocalDateTime END = LocalDateTime.of(2025, 1, 1, 0, 0);

    static final String[] FIRST_NAMES = {
        "Ada", "Alan", "Amélie", "Ana", "Arjun", "Björn", "Carmen", "Chen", "Chloé", "Dmitri", "Elena", "Emma",
        "Fatima", "François", "Grace", "Hannah", "Hiroshi", "Ines", "Isabel", "Jakub", "James", "José", "Kenji",
        "Lars", "Leila", "Liam", "Lucía", "Maja", "Mateo", "Mei", "Noah", "Olivia", "Omar", "Priya", "Rafael",
        "Sofia", "Søren", "Tomás", "Yuki", "Zoë",
    };
    static final String[] LAST_NAMES = {
        "Andersson", "Becker", "Costa", "Dubois", "Eriksen", "Fernández", "García", "Hansen", "Ivanova", "Jensen",
        "Kowalski", "Lambert", "Martin", "Müller", "Nakamura", "Novak", "O'Brien", "Patel", "Quinn", "Rossi",
        "Santos", "Schmidt", "Silva", "Smith", "Suzuki", "Tanaka", "Thompson", "Urban", "Van Dijk", "Wagner",
        "Walsh", "Weber", "Wilson", "Yamamoto", "Zhang", "Øberg",
    };
    /** Country code, then its cities. */
    static final String[][] COUNTRIES = {
        {"US", "New York", "Chicago", "Austin", "Seattle"},
        {"DE", "Berlin", "München", "Köln", "Hamburg"},
        {"FR", "Paris", "Lyon", "Nantes"},
        {"GB", "London", "Manchester", "Edinburgh"},
        {"JP", "Tokyo", "Osaka", "Sapporo"},
        {"BR", "São Paulo", "Rio de Janeiro", "Curitiba"},
        {"IN", "Bengaluru", "Mumbai", "Pune"},
        {"ES", "Madrid", "Barcelona", "Sevilla"},
        {"NL", "Amsterdam", "Utrecht"},
        {"SE", "Stockholm", "Göteborg", "Malmö"},
        {"PL", "Warszawa", "Kraków", "Gdańsk"},
        {"CA", "Toronto", "Montréal", "Vancouver"},
    };
    /** Category, then nouns for its products. */
    static final String[][] CATEGORIES = {
        {"books", "Novel", "Cookbook", "Atlas", "Field Guide", "Anthology"},
        {"electronics", "Headphones", "Charger", "Keyboard", "Webcam", "Speaker"},
        {"garden", "Trowel", "Hose", "Planter", "Pruner", "Bird Feeder"},
        {"kitchen", "Skillet", "Kettle", "Knife Set", "Teapot", "Cutting Board"},
        {"toys", "Puzzle", "Kite", "Building Set", "Plush Bear", "Board Game"},
        {"sports", "Yoga Mat", "Water Bottle", "Tennis Racket", "Running Cap", "Jump Rope"},
        {"office", "Notebook", "Desk Lamp", "Fountain Pen", "Stapler", "Monitor Stand"},
        {"music", "Ukulele", "Metronome", "Guitar Strings", "Harmonica", "Drum Pad"},
    };
    static final String[] ADJECTIVES = {
        "Classic", "Compact", "Deluxe", "Eco", "Essential", "Nordic", "Pro", "Rustic", "Smart", "Travel",
    };
    static final String[] COMPANY_SUFFIXES = {"GmbH", "Ltd", "Inc.", "S.A.", "B.V.", "AB", "& Co", "Studio", "Labs"};
    static final String[] ACCOUNT_MANAGERS = {"Ines Costa", "Kenji Sato", "Maja Novak", "Omar Haddad", "Zoë Walsh"};
    static final String[] TICKET_SUBJECTS_ABOUT_ORDERS = {
        "Parcel has not arrived", "Wrong item delivered", "Request a refund", "Change delivery address",
        "Item arrived damaged", "Invoice needed for order",
    };
    static final String[] TICKET_SUBJECTS_GENERAL = {
        "Cannot log in", "Update billing details", "Question about bulk pricing", "Close my account",
        "Newsletter unsubscribe", "Feature request: wish lists",
    };

    private SampleText() {
    }

    static String pick(SplittableRandom random, String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** A whole-second time in [from, until), or {@code from} when the range is empty. */
    static LocalDateTime timeBetween(SplittableRandom random, LocalDateTime from, LocalDateTime until) {
        long seconds = ChronoUnit.SECONDS.between(from, until);
        return seconds <= 0 ? from : from.plusSeconds(random.nextLong(seconds));
    }

    /** ASCII, lower case, for e-mail addresses: "Søren" becomes "soren". */
    static String slug(String name) {
        String withoutAccents = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return withoutAccents.replace("ø", "o").replace("Ø", "o").replaceAll("[^A-Za-z]", "")
                .toLowerCase(Locale.ROOT);
    }
}
