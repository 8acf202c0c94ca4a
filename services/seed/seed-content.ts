// Demo content for The Northbridge Gazette: a fictional regional newsroom. Every name, place and
// quote here is invented for this project. Generation is deterministic for a given (count, now, seed).

import { seededRandom } from '@/lib/random'

export type SeedSection = { name: string; slug: string; description: string }
export type SeedAuthor = {
  name: string
  slug: string
  email: string
  jobTitle: string
  bio: string
  role: 'editor' | 'author' | 'contributor'
}
export type SeedComment = {
  name: string
  email: string
  body: string
  status: 'approved' | 'pending' | 'spam'
  replyTo?: number
  minutesAfter: number
}
export type SeedArticle = {
  title: string
  slug: string
  standfirst: string
  paragraphs: string[]
  subheadings: { beforeParagraph: number; text: string }[]
  section: string
  tags: string[]
  authorIndex: number
  coAuthorIndex?: number
  publishedAt: Date
  isBreaking: boolean
  isFeatured: boolean
  sourceName?: string
  sourceUrl?: string
  imageIndex: number
  imageAlt: string
  imageCaption: string
  imageCredit: string
  comments: SeedComment[]
}
export type SeedPage = { slug: string; title: string; html: string; inTopNav: boolean }

export const sections: SeedSection[] = [
  {
    name: 'Breaking News',
    slug: 'breaking-news',
    description: 'Developing stories from across the region, as they happen.',
  },
  { name: 'World', slug: 'world', description: 'International news and what it means for the region.' },
  { name: 'Nation', slug: 'nation', description: 'Policy, politics and public life across the country.' },
  { name: 'Sports', slug: 'sports', description: 'Cricket, football, athletics and the local leagues.' },
  { name: 'Business', slug: 'business', description: 'Markets, start-ups, farming and the regional economy.' },
  {
    name: 'Science',
    slug: 'science',
    description: 'Research, health, climate and technology from our labs and beyond.',
  },
  { name: 'Entertainment', slug: 'entertainment', description: 'Film, music, theatre and the festival calendar.' },
  { name: 'Lifestyle', slug: 'lifestyle', description: 'Food, travel, health and the way we live now.' },
]

/**
 * Secondary sections of the demo: the newest story of the first section (after the front page's
 * lead) is also listed in the second.
 */
export const alsoListedIn: [section: string, alsoIn: string][] = [
  ['business', 'nation'],
  ['science', 'world'],
]

export const authors: SeedAuthor[] = [
  {
    name: 'Asha Menon',
    slug: 'asha-menon',
    email: 'asha.menon@example.com',
    jobTitle: 'News Editor',
    role: 'editor',
    bio: 'Asha Menon has run the Gazette news desk since 2019. She covered the state assembly for a decade before that.',
  },
  {
    name: 'Rohan Kulkarni',
    slug: 'rohan-kulkarni',
    email: 'rohan.kulkarni@example.com',
    jobTitle: 'Senior Correspondent',
    role: 'author',
    bio: 'Rohan Kulkarni reports on civic affairs and infrastructure. He grew up in the old town of Northbridge.',
  },
  {
    name: 'Meera Iyer',
    slug: 'meera-iyer',
    email: 'meera.iyer@example.com',
    jobTitle: 'Business Reporter',
    role: 'author',
    bio: 'Meera Iyer writes about markets, start-ups and the farm economy. She trained as an accountant.',
  },
  {
    name: 'Farhan Siddiqui',
    slug: 'farhan-siddiqui',
    email: 'farhan.siddiqui@example.com',
    jobTitle: 'Sports Editor',
    role: 'editor',
    bio: 'Farhan Siddiqui has followed the Kaveri Premier League from its first season. He still plays club cricket on Sundays.',
  },
  {
    name: 'Lakshmi Narayan',
    slug: 'lakshmi-narayan',
    email: 'lakshmi.narayan@example.com',
    jobTitle: 'Science Correspondent',
    role: 'author',
    bio: 'Lakshmi Narayan covers research, health and the environment. She holds a doctorate in plant biology.',
  },
  {
    name: 'Daniel Mathew',
    slug: 'daniel-mathew',
    email: 'daniel.mathew@example.com',
    jobTitle: 'Culture Writer',
    role: 'author',
    bio: 'Daniel Mathew writes about film, music and theatre. He has reviewed every Sundernagar festival since 2015.',
  },
  {
    name: 'Priya Raghavan',
    slug: 'priya-raghavan',
    email: 'priya.raghavan@example.com',
    jobTitle: 'Features Writer',
    role: 'author',
    bio: 'Priya Raghavan writes on food, travel and health. She is working on a book about coastal kitchens.',
  },
  {
    name: 'Kabir Sethi',
    slug: 'kabir-sethi',
    email: 'kabir.sethi@example.com',
    jobTitle: 'Associate Journalist',
    role: 'contributor',
    bio: 'Kabir Sethi is a student at Northbridge University and an associate journalist with the Gazette. He reports on campus and youth affairs.',
  },
]

const sectionAuthors: Record<string, number[]> = {
  'breaking-news': [0, 1],
  world: [0, 1, 2],
  nation: [0, 1, 7],
  sports: [3, 7],
  business: [2, 1],
  science: [4, 7],
  entertainment: [5, 6],
  lifestyle: [6, 5],
}

const cities = [
  'Northbridge',
  'Kaveripur',
  'Sundernagar',
  'Malligai',
  'Ranipet Hills',
  'Devgarh',
  'Tiruvanna',
  'Port Aravind',
  'Chandrakona',
  'Velapuram',
  'Shivapuri',
  'Konkanwadi',
]
const countries = [
  'Aldovia',
  'the Republic of Teravia',
  'Nordmark',
  'Sarinland',
  'the Coral Isles',
  'Montevar',
  'Kestrania',
  'East Valoria',
]
const firstNames = [
  'Anil',
  'Sunita',
  'Vikram',
  'Nandini',
  'Arjun',
  'Kavya',
  'Ravi',
  'Deepa',
  'Suresh',
  'Ishaan',
  'Fatima',
  'Joseph',
  'Geeta',
  'Harish',
  'Leela',
  'Mohan',
  'Neha',
  'Omar',
  'Pooja',
  'Sanjay',
  'Tara',
  'Usha',
  'Varun',
  'Zoya',
]
const lastNames = [
  'Rao',
  'Pillai',
  'Deshmukh',
  'Banerjee',
  'Fernandes',
  'Hegde',
  'Joshi',
  'Khan',
  'Nair',
  'Patil',
  'Reddy',
  'Shetty',
  'Varghese',
  'Gowda',
  'Das',
  'Chatterjee',
  'Bhat',
  'Sen',
]
const titlesOfOffice = [
  'district collector',
  'municipal commissioner',
  'transport minister',
  'ward councillor',
  'health officer',
  'chief engineer',
  'police superintendent',
  'education secretary',
]

type Template = {
  headlines: string[]
  standfirsts: string[]
  openings: string[]
  middles: string[]
  quotes: string[]
  closings: string[]
  subheads: string[]
  tags: string[]
  alts: string[]
  captions: string[]
}

// {city} {city2} {person} {office} {n} {pct} {country} {team} {team2} {company} {crop} {film} {dish} {month}
const T: Record<string, Template> = {
  'breaking-news': {
    headlines: [
      'Heavy Rain Shuts Schools in {city} as River Rises Past Warning Mark',
      'Fire at {city} Warehouse Brought Under Control After Six Hours',
      'Power Outage Hits {n},000 Homes Across {city} After Substation Fault',
      'Landslide Blocks {city}–{city2} Highway; Traffic Diverted',
      'Bus Carrying {n} Passengers Overturns Near {city}, Several Injured',
      'Water Supply Suspended in Parts of {city} After Main Pipeline Bursts',
      'Cyclone Alert Issued for Coastal {city} as Fishermen Told to Return',
      'Flash Flood Warning for {city} Lowlands Ahead of Overnight Storm',
      'Gas Leak at {city} Industrial Estate Forces Evacuation of Nearby Lanes',
      'Bridge on {city} Ring Road Closed After Cracks Found in Pillar',
      '{n} Hurt as Wall Collapses at {city} Bus Stand',
      "'We Lost Everything': Flood Leaves {city} Families in Relief Camps",
      'Overnight Storm Uproots Trees Across {city}; Power Cut in {n} Wards',
      '{city} Schools Stay Shut for a Second Day as Rain Continues',
      'Boat Capsizes Off {city}; Coast Guard Rescues {n} Fishermen',
      'Why Did the {city} Embankment Give Way? Engineers Begin Inspection',
      'Hailstorm Flattens Crops in Villages Around {city}',
      '{city} Declares Holiday After Red Alert for Heavy Rain',
      'Tanker Overturns on {city} Bypass, Spilling Diesel Across Lanes',
      'Evacuations Begin in Low-Lying {city} as Dam Gates Open',
    ],
    standfirsts: [
      'Officials say the situation is being monitored hour by hour and residents should avoid low-lying roads.',
      'Emergency crews worked through the night; the {office} has ordered an inquiry into the cause.',
      'Residents of {city} were asked to stay indoors while teams assess the damage.',
    ],
    openings: [
      'Emergency services in {city} were on alert on {month} night after the incident, which officials described as the most serious in the district this year.',
      'Traffic police closed the affected stretch shortly after the first reports came in, and diversions were in place through {city2} within the hour.',
      'The {office} of {city} said the control room had received more than {n} calls from residents by midnight.',
    ],
    middles: [
      'Teams from the disaster response force were deployed at {n} points, and relief camps were opened in three government schools.',
      'Hospitals in {city} were told to keep beds ready, though most of those treated were discharged the same evening.',
      'Engineers will inspect the site on Saturday before any decision is taken on reopening it to the public.',
      'The district administration has set up a helpline and asked residents not to share unverified messages on social media.',
      'Local volunteers joined the effort, distributing food packets and drinking water to families moved to safety.',
    ],
    quotes: [
      '"Our first priority is that nobody is put at risk. We will restore normal services step by step," said {person}, the {office}.',
      '"We heard a loud sound and then everyone started running. The police came very quickly," said {person}, a shopkeeper nearby.',
    ],
    closings: [
      'Further updates are expected from the district control room on Monday morning.',
      'The Gazette will update this report as more information becomes available.',
    ],
    subheads: ['What we know so far', 'Relief and diversions', 'What residents should do'],
    tags: ['Monsoon', 'Disaster Response', 'Traffic', 'Public Safety', 'Weather'],
    alts: [
      'Emergency workers in reflective jackets at a cordoned-off road',
      'A flooded street with vehicles stranded in water',
    ],
    captions: [
      'Rescue teams at the site in {city} on Friday evening.',
      'Residents wade through water on a road in {city}.',
    ],
  },
  world: {
    headlines: [
      '{country} Votes in Tight Election Watched Closely by Regional Exporters',
      'Trade Talks Between {country} and Neighbours Resume After Two-Year Pause',
      'Drought in {country} Pushes Up Global Prices of {crop}',
      'Summit in {country} Ends With Pledge on Clean Shipping Lanes',
      'Students From {city} Stranded in {country} as Flights Are Cancelled',
      '{country} Announces New Visa Rules for Skilled Workers',
      'Port Strike in {country} Delays Cargo Bound for {city}',
      'Diaspora Groups in {country} Raise Funds for {city} Hospital',
      '{country} Leader Heads to Northbridge for Talks on Ports',
      'What the Election in {country} Means for {Crop} Growers',
      'Fishermen From {city} Detained by {country} Coast Guard',
      "'Our Orders Have Halved': {city} Exporters Feel the Pinch From {country}",
      '{country} Lifts Ban on {Crop} Imports From the Region',
      'Earthquake in {country}: Families in {city} Wait for News',
      'Ferry Link Between {city} and {country} to Restart on {Month}',
      'New Consulate of {country} Opens Its Doors in {city}',
    ],
    standfirsts: [
      'Analysts say the outcome could shape trade with the region for years, from shipping to seasonal work.',
      'The decision is likely to affect hundreds of families in {city} with relatives abroad.',
      'Diplomats described the meeting as constructive, though key disagreements remain unresolved.',
    ],
    openings: [
      'Officials in {country} confirmed the development on {month} after days of speculation in the local press.',
      'The news was followed closely in {city}, where several export firms depend on orders from {country}.',
      'Representatives from eleven countries gathered for the talks, the first of their kind since the pandemic years.',
    ],
    middles: [
      'Trade between the region and {country} was worth an estimated {n} billion rupees last year, much of it in textiles and spices.',
      'The foreign ministry said it was in touch with the embassy and that a help desk had been set up for citizens.',
      'Economists cautioned that any change would take months to show up in prices at local markets.',
      'Several universities in {city} have exchange programmes with institutions in {country} that could be affected.',
    ],
    quotes: [
      '"We are watching carefully. Our exporters need certainty more than anything else," said {person}, who heads the {city} chamber of commerce.',
      '"My son is studying there. We only want to know he can come home for the holidays," said {person}, a parent from {city}.',
    ],
    closings: [
      'A fuller statement is expected after the cabinet meets next week.',
      'Talks are scheduled to continue in {country} next month.',
    ],
    subheads: ['Why it matters here', 'What happens next'],
    tags: ['Diplomacy', 'Trade', 'Elections', 'Diaspora', 'Shipping', 'Climate'],
    alts: ['Flags outside a conference hall', 'Cargo containers stacked at a port'],
    captions: ['Delegates arrive for the talks in {country}.', 'Containers waiting at the port, bound for {city}.'],
  },
  nation: {
    headlines: [
      'Council Approves ₹{n} Crore Plan to Widen {city} Market Road',
      'State Unveils New Bus Routes Linking {city} and {city2}',
      '{city} Municipal Budget Puts Drains and Footpaths First',
      'Assembly Passes Bill to Protect Lakes Around {city}',
      'New District Hospital in {city} to Open by {month}, Minister Says',
      'Teachers in {city} Protest Over Delayed Salaries',
      'Voter Rolls in {city} Revised After Door-to-Door Survey',
      'Panchayat Elections in {city} Block See Record Turnout',
      '{city} Gets Its First Women-Run Police Station',
      'Metro Feeder Buses for {city} Cleared by Transport Board',
      'Census of Street Trees Begins in {city} Wards',
      'Council Debates Parking Fees as {city} Traffic Worsens',
      '{city} Residents Push Back Against Plan to Fell {n} Trees',
      "Who Pays for {city}'s New Flyover? Council Split on Toll",
      "'Give Us Water, Not Promises': {city} Women March to Collectorate",
      'Ration Card Backlog in {city} Cleared, Officials Say',
      '{Office} Orders Audit of Stalled Projects in {city}',
      'By-Election in {city} Set for {Month} After Member Resigns',
      '{city} Gets Night Bus Service After Years of Demands',
      'Land for {city} Ring Road Acquired at Last',
    ],
    standfirsts: [
      'The proposal, debated for more than a year, now goes to the state government for funds.',
      'Officials say work will begin after the monsoon and should take about eighteen months.',
      'Opposition members welcomed the plan but asked how it would be paid for.',
    ],
    openings: [
      'The {city} municipal council approved the proposal on {month} after a four-hour debate that ran late into the evening.',
      'The announcement was made by the {office} at a press conference in {city} on {month}.',
      'Residents of {city} have waited years for the change, which was first promised in the 2019 manifesto of the ruling party.',
    ],
    middles: [
      'According to the detailed project report, about {n} families will need to be compensated for land along the route.',
      'The council also set aside funds for {n} new public toilets and the repair of footpaths in the old town.',
      'Officials said the work would be done in phases so that shops along the road could stay open.',
      "A citizens' group in {city} has asked for the plans to be published in full before tenders are invited.",
      'The proposal includes cycle lanes, better street lighting and a covered bus stop every 500 metres.',
    ],
    quotes: [
      '"This is the most important decision the council has taken in a decade," said {person}, the {office}.',
      '"We support the idea, but the council must show us where every rupee goes," said {person}, leader of the opposition in the council.',
      '"I have run my shop here for thirty years. I hope they finish it quickly," said {person}, a trader on the road.',
    ],
    closings: [
      'The council will review progress at its next meeting in {month}.',
      'Public consultations will be held in each ward before work begins.',
    ],
    subheads: ['What the plan includes', 'Questions over cost', 'The road ahead'],
    tags: [
      'City Council',
      'Infrastructure',
      'Public Transport',
      'Elections',
      'Education',
      'Health',
      'Urban Planning',
      'Water',
    ],
    alts: ['Councillors seated around a horseshoe table', 'A busy market road with buses and two-wheelers'],
    captions: [
      'Members of the {city} council during the budget session.',
      'Traffic on the market road in {city}, which is to be widened.',
    ],
  },
  sports: {
    headlines: [
      '{team} Beat {team2} by {n} Runs to Top the Kaveri Premier League',
      'Teenage Spinner From {city} Called Up to State Under-19 Squad',
      '{team} Sign Midfielder Ahead of New Football Season',
      '{city} Marathon Draws Record {n},000 Runners',
      'Rain Washes Out Final Day as {team} and {team2} Share Points',
      'Badminton Academy in {city} Produces Three National Medallists',
      '{team} Coach Steps Down After Disappointing Season',
      'Kabaddi League Returns to {city} With Two New Franchises',
      'Schools Athletics Meet in {city} Sees Five Records Broken',
      'Hockey Turf Promised for {city} Stadium by Next Season',
      '{team} Hold Nerve to Edge {team2} in Last-Over Thriller',
      'Century for {person} as {team} Crush {team2}',
      "'We Let Ourselves Down': {team} Captain After Heavy Defeat",
      "{city} Girls' Football Team Reaches State Final",
      '{team} Name Former Captain as Head Coach',
      'Can {team} Still Make the Play-Offs? The Maths Explained',
      '{city} Swimmer Breaks State Record in 200m Freestyle',
      'Local Derby Ends Goalless as {team} Miss Late Penalty',
    ],
    standfirsts: [
      'A composed half-century and a late burst of wickets settled the contest in front of a packed stand.',
      'The result leaves the table wide open with three rounds to play.',
      "Coaches say the region's grassroots programmes are finally paying off.",
    ],
    openings: [
      '{team} produced their best performance of the season at the {city} Stadium on {month}, to the delight of a home crowd of nearly {n},000.',
      'It was a day of firsts at the ground in {city}, where the weather held just long enough for a result.',
      "The announcement ended weeks of speculation about the future of one of the league's most recognisable names.",
    ],
    middles: [
      'Opening the batting, {person} made {n} off 61 balls before falling to a sharp catch at deep midwicket.',
      'The visitors had looked in control at the halfway stage, but lost four wickets for nine runs in the space of three overs.',
      'The club said it would announce a replacement before the transfer window closes at the end of {month}.',
      'Ticket sales for the next home fixture opened on Sunday, and the cheaper stands sold out within hours.',
      'The district sports authority has promised floodlights for the ground in time for next season.',
    ],
    quotes: [
      '"The boys believed in the plan. We knew the pitch would slow down in the second half," said {person}, the {team} captain.',
      '"I have trained for this since I was nine. My parents drove me to the ground every morning," said {person}.',
      '"This is a young side. Results like this give them confidence," said coach {person}.',
    ],
    closings: [
      '{team} travel to {city2} for their next fixture on {month}.',
      'The final round of league matches begins next weekend.',
    ],
    subheads: ['Turning point', 'Table and fixtures', 'Voices from the dressing room'],
    tags: [
      'Cricket',
      'Football',
      'Kaveri Premier League',
      'Athletics',
      'Badminton',
      'Kabaddi',
      'Hockey',
      'Youth Sport',
    ],
    alts: ['Cricketers celebrating a wicket on a sunlit ground', 'Runners crossing a city street at dawn'],
    captions: ['{team} players celebrate at the {city} Stadium.', 'Runners at the start of the {city} Marathon.'],
  },
  business: {
    headlines: [
      '{company} Raises ₹{n} Crore to Expand Cold Storage for {crop} Farmers',
      '{crop} Prices Climb {pct}% at {city} Wholesale Market',
      'IT Park in {city} to Add {n},000 Jobs, Developer Says',
      'Handloom Weavers in {city} Turn to Online Sales',
      '{company} Opens Factory in {city}, Its Largest Outside the Metro',
      'Small Traders in {city} Wary of New Digital Payment Fees',
      'Port of {city} Reports Record Cargo as Exports Recover',
      'Co-operative Bank in {city} Posts Best Year Since 2011',
      'Start-up From {city} Builds Weather App for {crop} Growers',
      'Tourism Revenue in {city} Tops Pre-Pandemic Levels',
      '{Crop} Growers in {city} Hold Back Stock as Prices Slide',
      '{company} Chief on Why the Firm Stayed in {city}',
      'Rents for Shops on {city} Market Road Double in Two Years',
      "'Orders Are Back': {city} Garment Units Hire Again",
      '{city} Chamber Warns of Power Cuts Hurting Small Factories',
      'Gold Loans Surge in {city} as Harvest Money Runs Late',
      'Why {Crop} Exports From {city} Are Booming',
      '{company} Shares Jump {pct}% on First Day of Trading',
    ],
    standfirsts: [
      'The deal is among the largest for a company based outside the state capital.',
      'Traders say prices could ease once the new harvest arrives next month.',
      'The company plans to hire mostly from nearby towns and train workers on site.',
    ],
    openings: [
      '{company}, founded in {city} six years ago, announced the investment on {month}.',
      'Wholesale prices of {crop} at the {city} market rose for the third week running, according to data from the agricultural produce committee.',
      "The expansion was confirmed by the company's managing director at an event attended by the {office}.",
    ],
    middles: [
      'The company said about {pct}% of the new money would go to warehouses and refrigerated trucks.',
      'Farmers bringing {crop} to the market received an average of ₹{n} per quintal, up from last season.',
      'Analysts at a {city} brokerage said the sector had been one of the few bright spots in the regional economy this year.',
      'The firm employs {n}0 people today and expects to double that within two years.',
      'The state government offered a reduced stamp duty and faster approvals under its new industrial policy.',
    ],
    quotes: [
      '"Farmers lose almost a third of their crop after harvest. That is the problem we want to fix," said {person}, founder of {company}.',
      '"Prices are good for us this year, but costs have gone up too," said {person}, a {crop} grower from {city2}.',
      '"We want to hire locally. There is a lot of talent here that has had to leave for the big cities," said {person}.',
    ],
    closings: [
      'The company expects the first phase to be ready by {month}.',
      'The market committee will publish revised price data on Friday.',
    ],
    subheads: ['The numbers', 'What farmers say', 'Jobs and the wider economy'],
    tags: ['Start-ups', 'Agriculture', 'Markets', 'Jobs', 'Exports', 'Banking', 'Tourism', 'Technology'],
    alts: ['Sacks of produce stacked in a wholesale market', 'Workers on the floor of a new factory'],
    captions: ['Traders at the wholesale market in {city}.', 'The new factory floor of {company} in {city}.'],
  },
  science: {
    headlines: [
      'Northbridge University Team Finds Drought-Tolerant Gene in Wild {crop}',
      'Study Links Tree Cover to Cooler Summers in {city} Neighbourhoods',
      'Rare Frog Species Rediscovered in {city} Forests After 40 Years',
      'Local Lab Develops Low-Cost Test for Water Contamination',
      'Dengue Cases in {city} Fall {pct}% After Community Drive',
      'Satellite Data Shows Lake Near {city} Shrinking Fastest in Region',
      'Students From {city} Win National Prize for Solar Cooler',
      'Telescope at Ranipet Hills Observatory Spots New Comet',
      'Researchers Map Soil Health of {n},000 Farms Around {city}',
      "Hospital in {city} Performs Region's First Robotic Knee Surgery",
      '{city} Schoolchildren Count {n} Bird Species in Weekend Survey',
      'Is {city} Getting Hotter? Ten Years of Readings Say Yes',
      'Northbridge University Opens {Crop} Research Station Near {city}',
      "'Nobody Believed Us': Student Team From {city} on Its Satellite",
      'Leopard Sightings Rise Around {city}, Forest Officials Say',
      '{city} Lake Gets Floating Wetlands to Clean Its Water',
      'Heat Stroke Cases in {city} Prompt Health Advisory',
      'How a {city} Lab Is Turning {Crop} Waste Into Packaging',
    ],
    standfirsts: [
      'The findings, published in a peer-reviewed journal this week, could help farmers cope with erratic rainfall.',
      'Scientists say the results are promising but need to be confirmed in larger studies.',
      'The work was funded by a state grant and took more than three years.',
    ],
    openings: [
      'Researchers at Northbridge University said on {month} that their work had taken longer than expected, but the results were worth the wait.',
      'The study, led by a team of {n} scientists, combined field surveys with satellite images taken over a decade.',
      'The discovery was made by a group of doctoral students on a routine survey in the hills above {city}.',
    ],
    middles: [
      'The team tested {n} samples and found the effect in more than {pct}% of them.',
      'Independent experts said the method was sound, though they cautioned against drawing conclusions too quickly.',
      'The next phase of the project will involve farmers in {city2}, who will grow the new variety on trial plots.',
      'Data from the study will be made freely available to other researchers, the university said.',
      'Health officials said the drop was largely due to households clearing standing water around their homes.',
    ],
    quotes: [
      '"We expected a small effect. What we found was much larger, and that is what excites us," said {person}, who led the study.',
      '"Science like this should reach the people it is meant to help. That is why we are working directly with villages," said {person}.',
    ],
    closings: [
      'The team plans to present its results at a conference in {month}.',
      'The full paper is available through the university library.',
    ],
    subheads: ['How the study worked', 'What comes next'],
    tags: ['Research', 'Climate', 'Health', 'Wildlife', 'Northbridge University', 'Space', 'Water', 'Agriculture'],
    alts: ['A researcher examining samples in a laboratory', 'A green forest canopy seen from above'],
    captions: [
      'Researchers at the Northbridge University lab.',
      'The forest near {city} where the survey was carried out.',
    ],
  },
  entertainment: {
    headlines: [
      '{film} Opens the Sundernagar Film Festival to a Standing Ovation',
      'Folk Singer From {city} Tops Streaming Charts With Debut Album',
      'Restored Theatre in {city} Reopens With a Week of Classic Plays',
      'Director {person} on Shooting {film} in the Streets of {city}',
      'Music Festival in {city} Announces Line-Up of {n} Artists',
      'Puppet Theatre Troupe From {city} Heads to International Festival',
      'Book Fair in {city} Draws {n},000 Visitors on Opening Weekend',
      '{film} Becomes Biggest Regional Box-Office Hit of the Year',
      'Dance School in {city} Celebrates 50 Years With Free Performances',
      'Review: {film} Is a Tender Portrait of Small-Town Life',
      '{city} Poet Wins State Literary Award for Debut Collection',
      "'I Never Left Home': {person} on Twenty Years of Folk Music",
      '{film} Star Returns to {city} School Where She Learnt to Act',
      'Open-Air Cinema Nights Return to {city} Fort',
      'Temple Festival in {city} Draws Pilgrims and Painters Alike',
      '{city} Brass Band Marks a Century of Playing at Weddings',
      'Street Art Trail Brightens the Old Lanes of {city}',
    ],
    standfirsts: [
      'Critics called the film a quiet triumph, with performances that stay with you long after the credits.',
      "Organisers say this year's edition is the largest since the event began.",
      'The week-long programme mixes well-known names with young performers from across the region.',
    ],
    openings: [
      'The lights went down at the {city} Town Hall on {month}, and for two hours the audience barely moved.',
      'Organisers of the festival in {city} said tickets for the opening night sold out in under an hour.',
      'For the cast and crew of {film}, the premiere in {city} was a homecoming.',
    ],
    middles: [
      'The film was shot over {n} days in {city} and {city2}, with many local residents appearing as extras.',
      "This year's programme includes workshops for young filmmakers and a section devoted to documentaries.",
      'Several of the performers will also hold free sessions in government schools during the week.',
      'The restoration of the theatre took three years and was funded partly by donations from former residents.',
    ],
    quotes: [
      '"I wanted to make a film about the people I grew up with, not about heroes," said {person}, the director.',
      '"The audience here is honest. If they don\'t like something, they tell you straight away," said {person}.',
      '"We wanted the festival to feel like it belongs to the whole town," said {person}, one of the organisers.',
    ],
    closings: [
      'The festival runs until {month}; passes are available at the Town Hall box office.',
      '{film} is showing in cinemas across the region.',
    ],
    subheads: ['On stage', 'Behind the scenes'],
    tags: ['Film', 'Music', 'Theatre', 'Festivals', 'Books', 'Dance', 'Sundernagar Film Festival'],
    alts: [
      'An audience in a darkened theatre facing a lit stage',
      'A singer performing with a band under stage lights',
    ],
    captions: ['The audience at the opening night in {city}.', 'Performers on stage at the festival in {city}.'],
  },
  lifestyle: {
    headlines: [
      'The Best {dish} in {city}, According to Those Who Grew Up on It',
      'A Weekend in {city}: Temples, Tea Gardens and Quiet Lanes',
      'Why More Families in {city} Are Growing Vegetables on Their Terraces',
      'Monsoon Health: Doctors in {city} Share Simple Precautions',
      'Old Recipes, New Kitchens: Home Cooks of {city} Go Online',
      'Yoga in the Park Draws Hundreds Every Morning in {city}',
      'How to Keep Your Home Cool Without Air Conditioning',
      "A Guide to {city}'s Weekend Markets",
      'Cycling to Work in {city}: What It Takes',
      'The Craft of Handwoven Saris Finds a Younger Audience in {city}',
      "{Dish} at Dawn: A Morning With {city}'s Oldest Street Cook",
      'Ten Walks Around {city} for a Cool Evening',
      "{city}'s Tea Shops Are Disappearing. These Three Hold On",
      "'My Grandmother Never Measured Anything': Cooking {Dish} at Home",
      'Is Your Child Getting Enough Sleep? {city} Paediatricians Weigh In',
      'Monsoon Getaways Within Three Hours of {city}',
      '{city} Library Turns 100 With a Week of Readings',
      'Inside the {city} Kitchen Feeding {n}0 Families a Day',
    ],
    standfirsts: [
      'We asked cooks, grandmothers and stall owners where to go, and what to order when you get there.',
      'Small changes at home can make a big difference, experts say.',
      'A slower, cheaper weekend away is closer than many people think.',
    ],
    openings: [
      'Ask anyone in {city} about {dish} and you will get a strong opinion, usually followed by a story about a grandmother.',
      'On a bright Saturday morning in {city}, the market is already busy by seven.',
      'For {person}, the change began during the lockdown, with a few pots of chillies on a balcony.',
    ],
    middles: [
      'The stall near the bus stand has been run by the same family for {n} years, and the recipe has never been written down.',
      'Doctors recommend boiled water, fresh food and keeping an eye on children who play in standing water.',
      'A return bus ticket from Northbridge costs under ₹{n}0, and the journey takes about three hours.',
      'Terrace gardens need less space than people think: a few grow bags, good soil and four hours of sun.',
      'Most of the walking routes are shaded, and the best tea shops close by mid-afternoon.',
    ],
    quotes: [
      '"The secret is patience. You cannot hurry the onions," said {person}, who has cooked at the stall for decades.',
      '"Start small. Grow what you like to eat, and you will keep going," said {person}, a gardener in {city}.',
      '"People come for the food and stay for the conversation," said {person}.',
    ],
    closings: [
      'Have a favourite we missed? Write to the features desk.',
      'Next week: the best breakfast spots in {city2}.',
    ],
    subheads: ['Where to go', 'What to try', 'Good to know'],
    tags: ['Food', 'Travel', 'Health', 'Gardening', 'Fitness', 'Heritage', 'Shopping'],
    alts: ['A plate of food on a banana leaf', 'A quiet lane lined with old houses'],
    captions: ['{dish} served at a stall in {city}.', 'A lane in the old quarter of {city}.'],
  },
}

const teams = [
  'Northbridge Chargers',
  'Kaveripur Kings',
  'Sundernagar Strikers',
  'Port Aravind Mariners',
  'Devgarh Warriors',
  'Malligai Panthers',
  'Velapuram United',
  'Chandrakona Tigers',
]
const companies = [
  'Harvest Cold Chain',
  'Kaveri Agritech',
  'Bluefin Logistics',
  'Sundara Textiles',
  'Pinnacle Software',
  'Greenleaf Foods',
  'Monsoon Analytics',
  'Ratna Steel',
]
const crops = ['turmeric', 'coffee', 'pepper', 'cardamom', 'rice', 'coconut', 'tomato', 'arecanut', 'mango', 'cotton']
const films = [
  'The Last Ferry',
  'Salt and Rain',
  'A House in Malligai',
  'The Lamp Keeper',
  'Midnight at the Mill',
  'River of Paper',
  "The Postman's Daughter",
  'Seven Monsoons',
]
const dishes = ['dosa', 'biryani', 'fish curry', 'filter coffee', 'vada pav', 'payasam', 'idli', 'pepper chicken']
const months = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']
const sources = [
  { name: 'Press Trust of Northbridge', url: 'https://example.org/ptn/' },
  { name: 'Kaveri News Service', url: 'https://example.org/kns/' },
  { name: 'Northbridge University', url: 'https://example.edu/news/' },
]
const photographers = ['Ravi Kulkarni', 'Sana Qureshi', 'Manoj Pillai', 'Elizabeth Thomas', 'Gautam Rao']

const commentBodies = [
  'Good report. I hope the council actually follows through this time.',
  'We have been asking for this in our area for years. Finally some progress.',
  'Thank you for covering this. The national papers never write about our town.',
  'Does anyone know if the new timetable applies on Sundays too?',
  'I was there yesterday and it was exactly as described. Well written.',
  'The photographs are wonderful. Please do more stories like this.',
  'I disagree with the second half of this piece, but it is good to see the debate.',
  'My grandfather used to tell me about this place. Lovely to read about it again.',
  'Can the Gazette follow up on this in a few months to see what changed?',
  'Very informative. Sharing with my family.',
]
const replyBodies = [
  'Yes, according to the notice at the bus stand it does.',
  'Agreed. We should all attend the ward meeting next week.',
  'The Gazette did a follow-up last year as well, worth searching for.',
  'Same here. It is about time.',
]
const spamBodies = [
  'Great post!!! Check my site for best cheap deals https://cheap-deals.example.net/offer?id=93',
  'I earn $500 a day from home, see how https://quick-money.example.net/',
  'nice article thanks for sharing, visit https://seo-links.example.net/casino',
]

const minorWords = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'in', 'of', 'on', 'or', 'the', 'to'])

/** Headline case for a fill-in: "fish curry" becomes "Fish Curry", "the Coral Isles" stays as it is. */
export function titleCase(value: string) {
  return value.replace(/\S+/g, (word) => (minorWords.has(word) ? word : word[0]!.toUpperCase() + word.slice(1)))
}

function capitalize(s: string) {
  return s.replace(/^(['"]?)(\p{Ll})/u, (_, quote: string, letter: string) => quote + letter.toUpperCase())
}

/** The first four words of a headline, to keep two stories from opening alike. */
export function opening(title: string) {
  return title.toLowerCase().split(/\s+/).slice(0, 4).join(' ')
}

function slugify(s: string) {
  return s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[₹']/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80)
    .replace(/-$/, '')
}

/**
 * `count` demo stories, newest first: the first `recent` of them within the last few hours, the rest
 * spread over two years.
 */
export function generateArticles(count: number, now: Date, { recent = 3, seed = 1 } = {}): SeedArticle[] {
  const rand = seededRandom(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1))
  const person = () => `${pick(firstNames)} ${pick(lastNames)}`
  const span = 730 * 86_400_000
  const seen = new Map<string, number>()
  const openings = new Set<string>()
  const decks = new Map<string, string[]>()
  const headlineRand = seededRandom(seed * 31 + 7)
  const out: SeedArticle[] = []

  for (let i = 0; i < count; i++) {
    // From the fourth story on the spread is drawn whether or not it is used, so every story gets
    // the same words and pictures however many are recent.
    const spread = i < 3 ? 0 : Math.floor(((i + rand()) / count) * span) + 3 * 3_600_000
    const age = i < recent ? i * 40 * 60_000 + 15 * 60_000 : spread
    const publishedAt = new Date(now.getTime() - age)
    const sectionIndex = i < 30 && i % 5 === 0 ? 0 : int(0, sections.length - 1)
    const section = sections[sectionIndex]!.slug
    const t = T[section]!
    const city = pick(cities)
    let city2 = pick(cities)
    if (city2 === city) city2 = cities[(cities.indexOf(city) + 1) % cities.length]!
    const team = pick(teams)
    let team2 = pick(teams)
    if (team2 === team) team2 = teams[(teams.indexOf(team) + 3) % teams.length]!
    const vars: Record<string, string> = {
      city,
      city2,
      country: pick(countries),
      office: pick(titlesOfOffice),
      team,
      team2,
      company: pick(companies),
      crop: pick(crops),
      film: pick(films),
      dish: pick(dishes),
      month: pick(months),
    }
    // Headlines fill their numbers and names from their own stream too.
    const fill = (s: string, headline = false) =>
      s.replace(/\{(\w+)\}/g, (_, key: string) => {
        const r = headline ? headlineRand : rand
        const between = (min: number, max: number) => min + Math.floor(r() * (max - min + 1))
        const one = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!
        if (key === 'person') return `${one(firstNames)} ${one(lastNames)}`
        if (key === 'n') return String(between(2, 95))
        if (key === 'pct') return String(between(5, 60))
        const value = vars[key.toLowerCase()] ?? key
        return headline ? titleCase(value) : value
      })

    // Headlines draw from their own stream, so re-draws leave the rest of the newsroom as it was.
    // A headline is re-drawn when another already opens with the same four words.
    const deck = decks.get(section) ?? []
    decks.set(section, deck)
    let title = ''
    for (let tries = 0; tries < 60; tries++) {
      if (deck.length === 0) deck.push(...[...t.headlines].sort(() => headlineRand() - 0.5))
      // Past a few tries, any template will do: the city changes too.
      const at = tries < 10 ? 0 : Math.floor(headlineRand() * deck.length)
      title = capitalize(fill(deck[at]!, true))
      if (!openings.has(opening(title)) && !seen.has(slugify(title))) {
        deck.splice(at, 1)
        break
      }
      if (tries >= 10) vars.city = cities[Math.floor(headlineRand() * cities.length)]!
      else deck.push(deck.shift()!)
      // A regional desk's way out of a crowded template: the place as a kicker.
      if (tries >= 40) {
        const kicker = cities[Math.floor(headlineRand() * cities.length)]!
        if (!title.includes(kicker)) title = `${kicker}: ${title}`
        if (!openings.has(opening(title)) && !seen.has(slugify(title))) break
      }
    }
    openings.add(opening(title))
    let slug = slugify(title)
    const n = seen.get(slug) ?? 0
    seen.set(slug, n + 1)
    if (n > 0) slug = `${slug}-${n + 1}`

    // Each body sentence is used once per article: opening, shuffled details, quotes, closing.
    const middles = [...t.middles].sort(() => rand() - 0.5).slice(0, int(3, t.middles.length))
    const quotes = [...t.quotes].sort(() => rand() - 0.5).slice(0, int(1, 2))
    const paragraphs = [fill(pick(t.openings)), fill(middles[0]!), fill(quotes[0]!)]
    for (const m of middles.slice(1)) paragraphs.push(fill(m))
    if (quotes[1]) paragraphs.splice(paragraphs.length - 1, 0, fill(quotes[1]))
    paragraphs.push(fill(pick(t.closings)))

    const subheadings = rand() < 0.6 ? [{ beforeParagraph: 3, text: pick(t.subheads) }] : []
    const tagPool = [...t.tags, ...(sectionIndex === 0 ? ['Northbridge'] : []), city]
    const tagCount = int(3, Math.min(6, tagPool.length))
    const tags: string[] = []
    while (tags.length < tagCount) {
      const tag = pick(tagPool)
      if (!tags.includes(tag)) tags.push(tag)
    }

    const authorsHere = sectionAuthors[section]!
    const authorIndex = pick(authorsHere)
    const coAuthorIndex = rand() < 0.1 ? (authorIndex + 1) % authors.length : undefined
    const source = rand() < 0.2 ? pick(sources) : undefined

    const comments: SeedComment[] = []
    const commentCount = i % 4 === 3 ? 0 : int(0, 5)
    for (let c = 0; c < commentCount; c++) {
      const name = person()
      const isReply = c > 0 && rand() < 0.35
      comments.push({
        name,
        email: `${slugify(name).replace(/-/g, '.')}@example.com`,
        body: isReply ? pick(replyBodies) : pick(commentBodies),
        status: rand() < 0.92 ? 'approved' : 'pending',
        replyTo: isReply ? int(0, c - 1) : undefined,
        minutesAfter: 20 + c * int(15, 180),
      })
    }
    // Every seventh story draws a machine-made comment, alternately held and marked spam, so the
    // moderation queue always has both, however few stories are seeded.
    if (i % 7 === 3) {
      const junk = Array.from(
        { length: int(10, 15) },
        () => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'[int(0, 51)],
      ).join('')
      comments.push({
        name: junk,
        email: `${junk.toLowerCase()}@mail.example.net`,
        body: pick(spamBodies),
        status: i % 14 === 3 ? 'spam' : 'pending',
        minutesAfter: int(60, 3000),
      })
    }

    out.push({
      title,
      slug,
      standfirst: fill(pick(t.standfirsts)),
      paragraphs,
      subheadings,
      section,
      tags,
      authorIndex,
      coAuthorIndex: coAuthorIndex === authorIndex ? undefined : coAuthorIndex,
      publishedAt,
      isBreaking: i < 30 && (sectionIndex === 0 || i % 7 === 0),
      isFeatured: i % 10 === 1,
      sourceName: source?.name,
      sourceUrl: source ? `${source.url}${slug}` : undefined,
      imageIndex: i,
      imageAlt: pick(t.alts),
      imageCaption: fill(pick(t.captions)),
      imageCredit: `Photo: ${pick(photographers)} / The Northbridge Gazette`,
      comments,
    })
  }
  return out
}

export const staticPages: SeedPage[] = [
  {
    slug: 'about-us',
    title: 'About Us',
    inTopNav: true,
    html: `<p>The Northbridge Gazette is an independent regional news publication serving Northbridge, Kaveripur, Sundernagar and the towns of the Kaveri valley. We report the news that shapes daily life here: council decisions, schools and hospitals, farming and business, sport, culture and the people behind them.</p>
<h2>What we stand for</h2>
<ul><li>Accuracy first: we check before we publish, and we correct mistakes openly.</li><li>Independence: no advertiser, party or owner decides what we cover.</li><li>Fairness: we seek out every side of a story and let people answer criticism.</li></ul>
<h2>Our newsroom</h2>
<p>Our editorial team works from the Gazette office on Station Road in Northbridge, with correspondents in Kaveripur and Port Aravind and a network of associate journalists across the district.</p>
<p>Have a story we should know about? Write to the news desk; we read every message.</p>`,
  },
  {
    slug: 'privacy-policy',
    title: 'Privacy Policy',
    inTopNav: true,
    html: `<p>This policy explains what information The Northbridge Gazette collects when you read our website, create an account or comment, and how we use it.</p>
<h2>What we collect</h2>
<ul><li>When you read: standard server logs (address, browser, pages requested), kept for 30 days for security.</li><li>When you comment: your name, e-mail address and comment. Your e-mail is never published.</li><li>When you create an account: your name, e-mail address and your saved articles.</li></ul>
<h2>What we do not do</h2>
<p>We do not sell your information, and we do not use third-party advertising trackers on this site.</p>
<h2>Your rights</h2>
<p>You can download or delete your account data at any time from your account page, or write to us and we will do it for you within 30 days.</p>`,
  },
  {
    slug: 'associate-journalism',
    title: 'Associate Journalism',
    inTopNav: true,
    html: `<p>Some of the best stories in the Kaveri valley are known first to the people who live them. Our associate journalism programme invites students, teachers, retired professionals and anyone with a good eye to report for the Gazette.</p>
<h2>How it works</h2>
<ul><li>Send us a short pitch: what happened, where, and who we can talk to.</li><li>An editor works with you on reporting, writing and fact-checking.</li><li>Published pieces carry your byline and are paid at our standard rates.</li></ul>
<h2>Training</h2>
<p>Every quarter we hold free workshops in Northbridge and Kaveripur on interviewing, verifying information, photography and writing for the web.</p>
<p>Write to the news desk with "Associate Journalism" in the subject line to take part.</p>`,
  },
  {
    slug: 'contact',
    title: 'Contact Us',
    inTopNav: false,
    html: `<p>News tips, corrections and letters to the editor are welcome.</p>
<ul><li>News desk: newsdesk@example.com</li><li>Corrections: corrections@example.com</li><li>Advertising: ads@example.com</li></ul>
<p>Our office on Station Road, Northbridge, is open from 10 am to 6 pm, Monday to Saturday.</p>`,
  },
]

export const siteSettings = {
  name: 'The Northbridge Gazette',
  tagline: 'Stay Connected. Stay Informed.',
  description:
    'Independent news from Northbridge and the Kaveri valley: civic affairs, business, sport, science and culture.',
  timezone: 'Asia/Kolkata',
  phone: '+91 80 4000 1234',
  email: 'newsdesk@example.com',
  social: [
    { network: 'facebook' as const, url: 'https://www.facebook.com/example' },
    { network: 'x' as const, url: 'https://x.com/example' },
    { network: 'instagram' as const, url: 'https://www.instagram.com/example' },
    { network: 'youtube' as const, url: 'https://www.youtube.com/@example' },
  ],
  staff: [
    { role: 'Editor-in-Chief', name: 'Radhika Venkatesh' },
    { role: 'Managing Editor', name: 'Thomas Abraham' },
    { role: 'News Editor', name: 'Asha Menon' },
    { role: 'Sports Editor', name: 'Farhan Siddiqui' },
    { role: 'Photo Editor', name: 'Sana Qureshi' },
  ],
  registeredOffice: 'Gazette Media Private Limited\n14 Station Road\nNorthbridge 560 101',
  editorialOffice: 'The Northbridge Gazette Newsroom\n2nd Floor, Lakeview Towers, Market Road\nKaveripur 560 214',
  copyright: '© {year} The Northbridge Gazette. All rights reserved.',
}
