package com.sparkify.tools.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.random.RandomGenerator;

/** Names, places and the song catalogue the generator draws from; strings are stored CSV-escaped. */
final class Catalogue {

  /** One playable track; {@code artist}, {@code song} and {@code length} are ready-to-write CSV fields. */
  record Track(String artist, String song, String length, long lengthMs) {}

  private static final String[] ARTISTS = {
    "Des'ree", "Mr Oizo", "Dwight Yoakam", "Kings Of Leon", "Coldplay", "Florence + The Machine",
    "The Black Keys", "Muse", "Radiohead", "Daft Punk", "Jack Johnson", "Eminem", "John Mayer",
    "Justin Bieber", "Rihanna", "Train", "Kanye West", "Linkin Park", "The Killers", "Taylor Swift",
    "Lady GaGa", "OneRepublic", "Metallica", "Nirvana", "Arcade Fire", "Foo Fighters", "Adele",
    "Bob Marley & The Wailers", "Red Hot Chili Peppers", "Sufjan Stevens", "Sade", "The Cure", "Pixies",
    "Tom Waits", "Alliance Ethnik", "Harmonia", "Usher", "Katy Perry", "Black Eyed Peas", "Shakira",
    "Green Day", "Jason Mraz", "Alicia Keys", "Drake", "Bon Jovi", "Evanescence", "The Smiths",
    "Gorillaz", "Modest Mouse", "Vampire Weekend", "Phoenix", "MGMT", "Snow Patrol", "Fleetwood Mac",
    "Creedence Clearwater Revival", "Bloc Party", "The Shins", "Yeah Yeah Yeahs", "Bright Eyes",
    "Missy Elliott", "The Offspring", "Beyoncé", "Sigur Rós", "Björk", "Mötley Crüe", "Motörhead",
    "Hüsker Dü", "Röyksopp", "Blue Öyster Cult", "Queensrÿche", "Tiësto", "Maná", "Café Tacvba",
    "Ólafur Arnalds", "Jóhann Jóhannsson", "MØ", "Édith Piaf", "Françoise Hardy", "Rosalía",
    "Niña Pastori", "Die Ärzte", "Einstürzende Neubauten", "Emilíana Torrini", "Sébastien Tellier",
    "宇多田ヒカル", "坂本龍一", "椎名林檎", "周杰倫", "王菲", "五月天",
    "Earth, Wind & Fire", "Crosby, Stills, Nash & Young", "Emerson, Lake & Palmer",
    "Peter, Paul and Mary", "Tyler, The Creator", "Blood, Sweat & Tears",
    "\"Weird Al\" Yankovic", "Lee \"Scratch\" Perry", "Jimmy \"Bo\" Horne",
  };

  private static final String[] SONGS = {
    "You Gotta Be", "Flat 55", "You're The One", "Undo", "Revelry", "Sehr kosmisch", "Yellow",
    "Use Somebody", "Dog Days Are Over (Radio Edit)", "Secrets", "Canada", "Invalid", "Love Story",
    "Fireflies", "Alejandro", "Catch You Baby (Steve Pitron & Max Sanna Radio Edit)", "Ain't Misbehavin",
    "Bulls On Parade", "Horn Concerto No. 4 in E flat K495: II. Romance (Andante cantabile)",
    "Sincerité Et Jalousie", "Greece 2000", "Somebody To Love", "Supermassive Black Hole", "Paradise",
    "Halo", "Clocks", "Marry Me", "Seven Nation Army", "Mr. Brightside", "Karma Police", "One",
    "Smells Like Teen Spirit", "Wake Me Up When September Ends", "Rolling In The Deep", "Creep",
    "Lose Yourself", "Gravity", "Umbrella", "Stronger", "Numb", "Everlong", "Redemption Song",
    "Californication", "Chicago", "Boys Don't Cry", "Where Is My Mind?", "Hold On", "Tonight",
    "Sunday Morning", "Float On", "Oxford Comma", "1901", "Kids", "Chasing Cars", "Dreams",
    "Fortunate Son", "Helicopter", "New Slang", "Maps", "Lua", "Get Ur Freak On", "Self Esteem",
    "Harder Better Faster Stronger", "Feel Good Inc.", "Fix You", "Hey There Delilah", "No One",
    "Teenage Dream", "I Gotta Feeling", "Hips Don't Lie", "Basket Case", "Livin' On A Prayer",
    "Bring Me To Life", "There Is A Light That Never Goes Out", "Sex On Fire", "Take Me Out",
    "Little Lion Man", "Midnight City", "Ready To Start", "Skinny Love", "Holocene", "Heartbeats",
    "Intro", "Tessellate", "Breezeblocks", "Time To Pretend", "Electric Feel", "Lisztomania",
    "Rebellion (Lies)", "Such Great Heights", "The Sound Of Silence", "Hallelujah", "Wonderwall",
    "Hoppípolla", "Jóga", "Hjartað hlær", "Für Elise", "Déjà Vu", "Señorita", "Niña Bonita",
    "Mañana", "Ça plane pour moi", "Über den Wolken", "Tschüss", "Århus Stiftstidende", "Rêverie",
    "Ålesund", "Crème brûlée", "上を向いて歩こう", "First Love (ファースト・ラブ)", "月亮代表我的心", "青花瓷",
    "Hey, Soul Sister", "Hello, Goodbye", "Oh, Pretty Woman", "Baby, I Love Your Way",
    "Me, Myself and I", "Run, Baby, Run", "Please, Please, Please, Let Me Get What I Want",
    "\"Heroes\"", "Theme From \"Shaft\"", "Song 2 (\"Woo-Hoo\" Mix)", "Say \"Hello\" Again",
  };

  private static final String[] FEMALE_NAMES = {
    "Kaylee", "Lily", "Chloe", "Tegan", "Aleena", "Sara", "Layla", "Kate", "Jacqueline", "Cecilia",
    "Avery", "Ava", "Amiya", "Celeste", "Sienna", "Emily", "Harper", "Kinsley", "Anabelle", "Adelyn",
    "Zoë", "Chloé", "Renée", "Stefany", "Hannah", "Mikayla", "Molly", "Madison", "Olivia", "Morgan",
  };

  private static final String[] MALE_NAMES = {
    "Walter", "Jacob", "Matthew", "Mohammad", "Ryan", "Rylan", "Jordan", "Brayden", "Aiden", "Lucas",
    "Noah", "Liam", "Wyatt", "Dustin", "Kevin", "Connar", "Colm", "Samuel", "Theodore", "Isaac",
    "José", "Andrés", "Björn", "Chase", "Dylan", "Martin", "Tucker", "Owen", "Everett", "Evan",
  };

  private static final String[] LAST_NAMES = {
    "Frye", "Summers", "Koch", "Levine", "Cuevas", "Cruz", "Garrison", "Rodriguez", "Reeves", "Kirby",
    "Klein", "Roth", "Simmons", "Jones", "Griffin", "Owens", "Lynch", "Ross", "Smith", "Moore",
    "Williams", "Johnson", "Brown", "Davis", "Miller", "Wilson", "Taylor", "Anderson", "Thomas", "Harris",
    "O'Brien", "Van Dyke", "Martínez", "García", "Núñez", "Müller", "Schäfer", "Nguyen", "Kowalski", "Hill",
  };

  private static final String[] LOCATIONS = {
    "San Francisco-Oakland-Hayward, CA", "Phoenix-Mesa-Scottsdale, AZ", "Chicago-Naperville-Elgin, IL-IN-WI",
    "Atlanta-Sandy Springs-Roswell, GA", "Lansing-East Lansing, MI", "Portland-South Portland, ME",
    "Waterloo-Cedar Falls, IA", "Tampa-St. Petersburg-Clearwater, FL", "Janesville-Beloit, WI",
    "San Jose-Sunnyvale-Santa Clara, CA", "New York-Newark-Jersey City, NY-NJ-PA",
    "Los Angeles-Long Beach-Anaheim, CA", "Houston-The Woodlands-Sugar Land, TX", "Birmingham-Hoover, AL",
    "Detroit-Warren-Dearborn, MI", "Augusta-Richmond County, GA-SC", "Red Bluff, CA", "Winston-Salem, NC",
    "Marinette, WI-MI", "Lake Havasu City-Kingman, AZ", "Myrtle Beach-Conway-North Myrtle Beach, SC-NC",
    "Nashville-Davidson--Murfreesboro--Franklin, TN", "Seattle-Tacoma-Bellevue, WA",
    "Dallas-Fort Worth-Arlington, TX", "Salinas, CA", "Elkhart-Goshen, IN", "Santa Maria-Santa Barbara, CA",
    "Tucson, AZ", "Miami-Fort Lauderdale-West Palm Beach, FL", "Boston-Cambridge-Newton, MA-NH",
    "Philadelphia-Camden-Wilmington, PA-NJ-DE-MD", "Denver-Aurora-Lakewood, CO", "Columbia, SC",
    "Ogden-Clearfield, UT", "Sacramento--Roseville--Arden-Arcade, CA",
    "Minneapolis-St. Paul-Bloomington, MN-WI", "Washington-Arlington-Alexandria, DC-VA-MD-WV",
  };

  private static final int TRACK_COUNT = 5000;
  // Flatter than classic Zipf (s = 1) so the top track gets a few percent of plays, not over ten.
  private static final double ZIPF_EXPONENT = 0.8;
  // Fixed, so the catalogue is the same for every seed, like a real service's.
  private static final long CATALOGUE_SEED = 20181101L;

  private static final Track[] TRACKS;
  private static final double[] CUMULATIVE_POPULARITY;

  static {
    Random rng = new Random(CATALOGUE_SEED);
    Set<String> seen = new HashSet<>();
    List<Track> tracks = new ArrayList<>(TRACK_COUNT);
    while (tracks.size() < TRACK_COUNT) {
      String artist = ARTISTS[rng.nextInt(ARTISTS.length)];
      String song = SONGS[rng.nextInt(SONGS.length)];
      if (seen.add(artist + '\n' + song)) {
        double seconds = Math.min(900, Math.max(30, 240 * StrictMath.exp(0.3 * rng.nextGaussian())));
        long hundredThousandths = Math.round(seconds * 100_000);
        StringBuilder length = new StringBuilder();
        EventLogGenerator.appendDecimal(length, hundredThousandths / 100_000, hundredThousandths % 100_000);
        tracks.add(new Track(EventLogGenerator.csv(artist), EventLogGenerator.csv(song),
            length.toString(), hundredThousandths / 100));
      }
    }
    TRACKS = tracks.toArray(Track[]::new);
    CUMULATIVE_POPULARITY = new double[TRACK_COUNT];
    double sum = 0;
    for (int rank = 0; rank < TRACK_COUNT; rank++) {
      sum += StrictMath.pow(rank + 1, -ZIPF_EXPONENT);
      CUMULATIVE_POPULARITY[rank] = sum;
    }
  }

  private Catalogue() {}

  /** A track drawn by Zipf-like popularity, so a few hits dominate and most tracks are rarely played. */
  static Track randomTrack(RandomGenerator rng) {
    double target = rng.nextDouble() * CUMULATIVE_POPULARITY[TRACK_COUNT - 1];
    int found = Arrays.binarySearch(CUMULATIVE_POPULARITY, target);
    return TRACKS[found >= 0 ? found : -found - 1];
  }

  static String firstName(RandomGenerator rng, boolean female) {
    String[] names = female ? FEMALE_NAMES : MALE_NAMES;
    return names[rng.nextInt(names.length)];
  }

  static String lastName(RandomGenerator rng) {
    return LAST_NAMES[rng.nextInt(LAST_NAMES.length)];
  }

  static String location(RandomGenerator rng) {
    return LOCATIONS[rng.nextInt(LOCATIONS.length)];
  }
}
