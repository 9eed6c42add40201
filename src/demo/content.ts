/**
 * @module
 * The demo site's content, written for the project: a small Polish news site with five
 * sections, four authors, a dozen stories and the "O nas" and "Kontakt" pages. Every story
 * and name is invented (see the "O nas" page); the world story mirrors the situation of the
 * page the project started from: a translated wire story with several authors and a
 * correction.
 *
 * Inline markup in `inline()`: **bold**, _italic_, [link text](https://…).
 */
import type { Source } from '../content/article.js'
import type { Block, Inline, Mark } from '../content/document.js'
import type { MenuItem } from '../site-settings/settings.js'
import type { Motif, Palette } from './illustrations.js'

/** The credit line of every generated illustration. */
export const ILLUSTRATION_CREDIT = 'Ilustracja: Depesza'

export interface DemoImage {
  motif: Motif
  palette: Palette
  /** Varies the drawing within the motif. */
  seed: number
  alt: string
  caption: string
}

/** A body block, or an illustration that the seed stores and turns into an image block. */
export type DemoBlock = Block | { type: 'demoImage'; image: DemoImage }

export interface DemoSection {
  slug: string
  name: string
  description: string
  palette: Palette
}

export interface DemoAuthor {
  slug: string
  name: string
  bio: string
  avatar: readonly [string, string]
}

export interface DemoArticle {
  section: string
  authors: string[]
  /** Published this many hours before the seed runs. */
  hoursAgo: number
  headline: string
  lede: string
  tags: string[]
  lead: DemoImage
  body: DemoBlock[]
  source?: Source
  /** Notes added after publication through `ContentService.addCorrection`. */
  notes?: { kind: 'correction' | 'update'; text: string }[]
}

export interface DemoPage {
  slug: string
  headline: string
  lede: string
  body: Block[]
}

// ---------------------------------------------------------------------------------------
// Inline markup

/** Parses **bold**, _italic_ and [text](href) into text nodes; no nesting. */
export function inline(text: string): Inline[] {
  const out: Inline[] = []
  const pattern = /\*\*(.+?)\*\*|_(.+?)_|\[(.+?)\]\((\S+?)\)/g
  let last = 0
  const push = (t: string, marks?: Mark[]) => {
    if (t) out.push(marks ? { type: 'text', text: t, marks } : { type: 'text', text: t })
  }
  for (const m of text.matchAll(pattern)) {
    push(text.slice(last, m.index))
    if (m[1] !== undefined) push(m[1], [{ type: 'bold' }])
    else if (m[2] !== undefined) push(m[2], [{ type: 'italic' }])
    else push(m[3]!, [{ type: 'link', attrs: { href: m[4]! } }])
    last = m.index + m[0].length
  }
  push(text.slice(last))
  return out
}

const p = (text: string): Extract<Block, { type: 'paragraph' }> => ({ type: 'paragraph', content: inline(text) })
const h = (text: string, level: 2 | 3 = 2): Block => ({ type: 'heading', attrs: { level }, content: inline(text) })
const quote = (text: string, attribution: string): Block => ({ type: 'quote', attrs: { attribution }, content: inline(text) })
const list = (items: string[], ordered = false): Extract<Block, { type: 'list' }> => ({
  type: 'list',
  attrs: { ordered },
  content: items.map((t) => ({ type: 'listItem' as const, content: inline(t) })),
})
const divider: Block = { type: 'divider' }

// ---------------------------------------------------------------------------------------
// Site

export const SITE = {
  name: 'Depesza',
  description: 'Wiadomości z kraju i ze świata, gospodarka, kultura i sport – sprawdzone, po polsku, bez pośpiechu.',
  publisher: 'Wydawnictwo Depesza (serwis demonstracyjny)',
  timeZone: 'Europe/Warsaw',
  language: 'pl',
  menu: [
    { label: 'Kraj', href: '/kraj' },
    { label: 'Świat', href: '/swiat' },
    { label: 'Gospodarka', href: '/gospodarka' },
    { label: 'Kultura', href: '/kultura' },
    { label: 'Sport', href: '/sport' },
    { label: 'O nas', href: '/o-nas' },
    { label: 'Kontakt', href: '/kontakt' },
  ] satisfies MenuItem[],
  footerMenu: [
    { label: 'O nas', href: '/o-nas' },
    { label: 'Kontakt', href: '/kontakt' },
  ] satisfies MenuItem[],
}

const PALETTES = {
  kraj: { sky: ['#1d3557', '#457b9d'], accent: '#e9c46a', dark: '#14213d', light: '#f1faee' },
  swiat: { sky: ['#264653', '#2a9d8f'], accent: '#e76f51', dark: '#1b2f36', light: '#f4f1de' },
  gospodarka: { sky: ['#0b3d2e', '#4f772d'], accent: '#90a955', dark: '#132a13', light: '#ecf39e' },
  kultura: { sky: ['#3d2c5e', '#b5838d'], accent: '#ffb4a2', dark: '#231942', light: '#fdf0d5' },
  sport: { sky: ['#023e8a', '#48cae4'], accent: '#2d6a4f', dark: '#081c15', light: '#f8f9fa' },
} as const satisfies Record<string, Palette>

export const SECTIONS: DemoSection[] = [
  { slug: 'kraj', name: 'Kraj', description: 'Sprawy lokalne i ogólnopolskie: samorządy, transport, szkoły, zdrowie.', palette: PALETTES.kraj },
  { slug: 'swiat', name: 'Świat', description: 'Wiadomości zagraniczne – własne i tłumaczone z agencji.', palette: PALETTES.swiat },
  { slug: 'gospodarka', name: 'Gospodarka', description: 'Ceny, praca, firmy i pieniądze – z perspektywy domowego budżetu.', palette: PALETTES.gospodarka },
  { slug: 'kultura', name: 'Kultura', description: 'Teatr, książki, muzyka i miejsca, w których dzieje się kultura.', palette: PALETTES.kultura },
  { slug: 'sport', name: 'Sport', description: 'Od ligi amatorów po wielkie zawody.', palette: PALETTES.sport },
]

export const AUTHORS: DemoAuthor[] = [
  {
    slug: 'laura-kowalczyk',
    name: 'Laura Kowalczyk',
    bio: 'Dziennikarka działu zagranicznego. Pisze o Bliskim Wschodzie i dyplomacji, tłumaczy z angielskiego i arabskiego. Wcześniej korespondentka w Bejrucie.',
    avatar: ['#264653', '#e76f51'],
  },
  {
    slug: 'michal-sobczak',
    name: 'Michał Sobczak',
    bio: 'Reporter działu krajowego i wydawca dyżurny. Zajmuje się samorządami, transportem i infrastrukturą; redaguje też depesze agencyjne.',
    avatar: ['#1d3557', '#457b9d'],
  },
  {
    slug: 'agnieszka-wrona',
    name: 'Agnieszka Wrona',
    bio: 'Dziennikarka ekonomiczna. Śledzi ceny żywności i energii, rynek pracy oraz małe firmy. Absolwentka ekonomii w Poznaniu.',
    avatar: ['#0b3d2e', '#90a955'],
  },
  {
    slug: 'bartosz-lipinski',
    name: 'Bartosz Lipiński',
    bio: 'Pisze o kulturze i sporcie, najchętniej o tym, co dzieje się poza wielkimi miastami. W weekendy biega na orientację.',
    avatar: ['#3d2c5e', '#b5838d'],
  },
]

// ---------------------------------------------------------------------------------------
// Stories

export const ARTICLES: DemoArticle[] = [
  {
    section: 'swiat',
    authors: ['laura-kowalczyk', 'michal-sobczak'],
    hoursAgo: 1.5,
    headline: 'Irak i USA zaczynają rozmowy o zakończeniu misji koalicji walczącej z Państwem Islamskim',
    lede: 'Pierwsza runda rozmów odbyła się w Bagdadzie. Mają one ustalić, kiedy i na jakich warunkach zakończy się misja sojuszu utworzonego w 2014 roku do walki z dżihadystami.',
    tags: ['Irak', 'USA', 'Bliski Wschód', 'Państwo Islamskie'],
    source: { name: 'Meridian News', kind: 'agency', language: 'en' },
    lead: {
      motif: 'map',
      palette: PALETTES.swiat,
      seed: 101,
      alt: 'Stylizowana mapa: dwie rzeki zbliżające się do siebie i pinezka w miejscu, gdzie leży miasto',
      caption: 'Pierwsza runda rozmów iracko-amerykańskich odbyła się w Bagdadzie nad Tygrysem',
    },
    body: [
      p(
        'Delegacje Iraku i Stanów Zjednoczonych spotkały się w Bagdadzie na **pierwszej formalnej rundzie rozmów** o przyszłości międzynarodowej koalicji, która od blisko dziesięciu lat wspiera iracką armię w walce z [Państwem Islamskim](https://pl.wikipedia.org/wiki/Pa%C5%84stwo_Islamskie).',
      ),
      p(
        'Biuro premiera Mohammeda Szii al-Sudaniego poinformowało, że szef rządu osobiście otworzył spotkanie. Według komunikatu rozmowy mają doprowadzić do „zakończenia misji koalicji w Iraku” i do przejścia na zwykłe, dwustronne relacje wojskowe.',
      ),
      quote(
        'Wspólne grupy robocze ocenią zagrożenie ze strony Daeszu, wymogi operacyjne oraz możliwości irackich sił bezpieczeństwa.',
        'komunikat dowództwa koalicji (tłum. Depesza)',
      ),
      p(
        'Na podstawie tych ocen wyższa komisja wojskowa ma zaproponować harmonogram. Żadna ze stron nie podała, ile mogą potrwać negocjacje ani czy misja zakończy się w tym roku.',
      ),
      h('Ataki na amerykańskie bazy'),
      p(
        'Rozmowy zaczynają się w napiętym momencie. Od połowy października amerykańskie bazy w Iraku i Syrii były ponad sto pięćdziesiąt razy celem ataków rakietowych i dronów. Przyznają się do nich wspierane przez Iran milicje, które występują pod wspólną nazwą _Islamski Opór w Iraku_. Kilkudziesięciu żołnierzy odniosło obrażenia, w tym urazy mózgu.',
      ),
      p(
        'Waszyngton podkreśla, że o powołaniu komisji rozmawiano już w ubiegłym roku, a termin nie ma związku z atakami. Milicje przedstawiają decyzję jako swój sukces i zapowiadają, że nie przerwą ostrzału.',
      ),
      p(
        'Stany Zjednoczone odpowiadały nalotami na cele milicji, także tych formalnie podległych irackiej armii w ramach Ludowych Sił Mobilizacyjnych. Iracki rząd uznał część z nich za naruszenie suwerenności kraju.',
      ),
      {
        type: 'demoImage',
        image: {
          motif: 'globe',
          palette: PALETTES.swiat,
          seed: 102,
          alt: 'Stylizowany globus z przerywanymi liniami łączącymi kilka punktów',
          caption: 'Do koalicji przeciw Państwu Islamskiemu należy kilkadziesiąt państw i organizacji',
        },
      },
      h('Dwadzieścia lat obecności'),
      p('Amerykańscy żołnierze są w Iraku, z przerwą, od ponad dwudziestu lat:'),
      list([
        '2003 – inwazja pod wodzą USA i obalenie Saddama Husajna;',
        '2011 – wycofanie amerykańskich oddziałów bojowych;',
        '2014 – powrót żołnierzy na prośbę Bagdadu po ofensywie Państwa Islamskiego;',
        '2020 – w amerykańskim nalocie przy lotnisku w Bagdadzie giną irański generał Kasem Sulejmani i dowódca irackiej milicji Abu Mahdi al-Muhandis.',
      ]),
      p(
        'Po nalocie z 2020 roku iracki parlament wezwał do wycofania obcych wojsk, ale rząd nie podjął wtedy wiążących kroków. Dziś w Iraku stacjonuje około 2500 amerykańskich żołnierzy, a w Syrii – około 900.',
      ),
      {
        type: 'embed',
        attrs: {
          url: 'https://en.wikipedia.org/wiki/Operation_Inherent_Resolve',
          title: 'Operation Inherent Resolve – historia i skład koalicji',
          provider: 'Wikipedia',
        },
      },
      divider,
      {
        type: 'factbox',
        attrs: { title: 'Koalicja w liczbach' },
        content: [
          p('Międzynarodowa koalicja przeciw Państwu Islamskiemu powstała we wrześniu 2014 roku.'),
          list(['ok. 2500 żołnierzy USA w Iraku', 'ok. 900 żołnierzy USA w Syrii', 'ponad 150 ataków na bazy od połowy października']),
        ],
      },
    ],
    notes: [
      {
        kind: 'correction',
        text: 'W pierwszej wersji tekstu podaliśmy, że rozmowy odbyły się w Irbilu. W rzeczywistości odbyły się w Bagdadzie. Za pomyłkę przepraszamy.',
      },
    ],
  },
  {
    section: 'kraj',
    authors: ['michal-sobczak'],
    hoursAgo: 3,
    headline: 'Trzeci dzień bez wody na osiedlu Zielone Wzgórze. Naprawa magistrali potrwa do piątku',
    lede: 'Mieszkańcy czterech bloków w Starogrodzie noszą wodę z beczkowozów. Spółka wodociągowa tłumaczy, że pęknięta rura leży pod torowiskiem, a prace wymagają zgody kolei.',
    tags: ['wodociągi', 'Starogród'],
    lead: {
      motif: 'water',
      palette: { ...PALETTES.kraj, accent: '#4cc9f0' },
      seed: 201,
      alt: 'Ilustracja: rury wodociągowe z zaworem i duża kropla wody',
      caption: 'Awaria dotyczy magistrali, która zasila cztery bloki przy ul. Kolejowej',
    },
    body: [
      p(
        'Wodę odcięto w poniedziałek przed południem, gdy na ul. Kolejowej zapadł się fragment chodnika. Okazało się, że pod spodem pękła magistrala z lat siedemdziesiątych. Bez wody zostało około 600 osób.',
      ),
      p(
        'Miejska spółka wodociągowa ustawiła przy blokach trzy beczkowozy. Starszym i chorym mieszkańcom wodę w butelkach przynoszą strażacy-ochotnicy i harcerze.',
      ),
      quote('Najgorsze są wieczory. Wnuki przychodzą się wykąpać do mnie, a teraz to ja chodzę do córki na drugi koniec miasta.', 'Halina Brzezińska, mieszkanka bloku nr 4'),
      p(
        'Prezes spółki zapewnia, że ekipy pracują na dwie zmiany. Uszkodzony odcinek przebiega jednak pod bocznicą kolejową i zanim koparki wejdą na tory, trzeba wstrzymać na nich ruch. **Zgodę kolei spółka dostała dopiero we wtorek wieczorem.**',
      ),
      h('Gdzie jest woda'),
      list(['beczkowozy: przy blokach nr 2, 4 i 6 (całą dobę),', 'woda butelkowana: świetlica osiedlowa, codziennie 8–20,', 'prysznice: hala sportowa przy Szkole Podstawowej nr 3, 16–21.']),
    ],
    notes: [
      {
        kind: 'update',
        text: 'Wieczorem spółka wodociągowa poinformowała, że woda popłynie w czwartek rano, dzień wcześniej, niż zapowiadano.',
      },
    ],
  },
  {
    section: 'gospodarka',
    authors: ['agnieszka-wrona'],
    hoursAgo: 6,
    headline: 'Masło tanieje trzeci miesiąc z rzędu. Piekarze liczą na spokojniejszą zimę',
    lede: 'Kostka masła w sklepach kosztuje średnio o kilkanaście groszy mniej niż latem. Mleczarnie mówią o większej podaży mleka, handlowcy – o walce o klientów przed świętami.',
    tags: ['ceny', 'żywność'],
    lead: {
      motif: 'chart',
      palette: PALETTES.gospodarka,
      seed: 301,
      alt: 'Wykres słupkowy z linią, która opada od lewej do prawej',
      caption: 'Ceny masła w hurcie spadają od końca lata',
    },
    body: [
      p(
        'Z cenników hurtowni wynika, że tona masła jest dziś wyraźnie tańsza niż w sierpniu. W sklepach spadki są mniejsze, bo sieci handlowe zmieniają ceny z opóźnieniem, ale trend widać już na półkach.',
      ),
      p(
        'Ekonomiści rolni tłumaczą, że krowy dały jesienią więcej mleka, niż się spodziewano, a eksport masła do krajów poza Unią osłabł. Mleczarnie mają więc zapasy i chętniej negocjują z odbiorcami.',
      ),
      quote('Przy maśle liczy się każdy grosz. Jeśli ta cena się utrzyma, nie podniesiemy cen rogali przed świętami.', 'Tomasz Rzepka, właściciel piekarni w Lesznie'),
      p(
        'Analitycy studzą jednak optymizm. _Zimą podaż mleka zwykle spada_, a popyt przed świętami rośnie, więc w grudniu ceny mogą się ustabilizować lub lekko wzrosnąć.',
      ),
    ],
  },
  {
    section: 'kultura',
    authors: ['bartosz-lipinski'],
    hoursAgo: 9,
    headline: 'Biblioteka wypożycza wiertarki i namioty. „Rzeczy też mogą krążyć jak książki”',
    lede: 'Obok kryminałów i poradników na półkach stoją wiertarka udarowa, maszyna do szycia i namiot czteroosobowy. Biblioteka rzeczy działa od wiosny i ma już ponad trzystu stałych czytelników.',
    tags: ['biblioteki', 'ekologia'],
    lead: {
      motif: 'books',
      palette: PALETTES.kultura,
      seed: 401,
      alt: 'Ilustracja: regał z kolorowymi książkami, przed nim namiot i wiertarka',
      caption: 'Najczęściej wypożyczane są wiertarka, projektor i gry planszowe',
    },
    body: [
      p(
        'Pomysł przyszedł od samych czytelników. W ankiecie bibliotekarki zapytały, czego brakuje w dzielnicy, i wiele osób odpowiedziało, że narzędzi, których potrzebuje się raz na kilka lat.',
      ),
      p(
        'Dziś katalog liczy ponad 120 przedmiotów: od wkrętarki i poziomicy po ukulele i teleskop. Wypożyczenie jest bezpłatne, wystarczy karta biblioteczna, a rzeczy oddaje się po dwóch tygodniach – tak jak książki.',
      ),
      quote('Nikt nie potrzebuje wiertarki, tylko dziury w ścianie. Po co każdy ma trzymać swoją w szafie?', 'Ewa Malinowska, kierowniczka filii'),
      p('Sprzęt w większości podarowali mieszkańcy. Biblioteka prosi teraz o _gry planszowe dla dorosłych_ i o sprzęt turystyczny na wiosnę.'),
    ],
  },
  {
    section: 'sport',
    authors: ['bartosz-lipinski'],
    hoursAgo: 13,
    headline: 'Zimowa liga szóstek gra pod reflektorami. Na orliku spotyka się szesnaście drużyn',
    lede: 'Amatorzy nie czekają na wiosnę: mecze trwają dwa razy po dwadzieścia minut, grają firmy, przyjaciele ze szkoły i jedna drużyna ojców z przedszkola.',
    tags: ['piłka nożna', 'sport amatorski'],
    lead: {
      motif: 'pitch',
      palette: PALETTES.sport,
      seed: 501,
      alt: 'Ilustracja: boisko piłkarskie widziane z góry, z piłką i dwoma masztami oświetleniowymi',
      caption: 'Mecze zimowej ligi zaczynają się o 18.00 i kończą przed 22.00',
    },
    body: [
      p(
        'Liga powstała cztery lata temu z inicjatywy kilku kolegów, którym brakowało ruchu po sezonie. W tym roku zgłosiło się szesnaście drużyn, a organizatorzy musieli odmówić kolejnym pięciu.',
      ),
      p(
        'Grają w poniedziałki i środy na sztucznej murawie przy szkole. Sędziują studenci AWF, a opłata wpisowa pokrywa prąd dla reflektorów i nagrody: pamiątkowe medale i kosz owoców dla najlepszego bramkarza.',
      ),
      quote('Wynik jest ważny przez dziesięć minut po meczu. Potem wszyscy idziemy razem na herbatę.', 'Kamil Duda, kapitan drużyny Stare Konie'),
      p('Finał zaplanowano na koniec lutego. Mecze można oglądać za darmo, organizatorzy proszą tylko o ciepłe ubranie i dobry humor.'),
    ],
  },
  {
    section: 'kraj',
    authors: ['michal-sobczak', 'agnieszka-wrona'],
    hoursAgo: 20,
    headline: 'Autobus przyjedzie na telefon. Powiat testuje kursy zamawiane dzień wcześniej',
    lede: 'W gminach, z których ostatni autobus odjechał kilka lat temu, znów można dojechać do przychodni i urzędu bez prośby do sąsiada. Wystarczy zadzwonić dzień przed podróżą.',
    tags: ['transport publiczny', 'wieś'],
    lead: {
      motif: 'bus',
      palette: PALETTES.kraj,
      seed: 202,
      alt: 'Ilustracja: biały autobus na krętej drodze między pagórkami i drzewami',
      caption: 'Na trasie jeżdżą dwa dwudziestoosobowe autobusy',
    },
    body: [
      p(
        'Program pilotażowy obejmuje siedem gmin i potrwa do końca czerwca. Zamiast stałego rozkładu jazdy autobus ma listę przystanków i jeździ tylko tam, gdzie ktoś się zapisał.',
      ),
      h('Jak zamówić kurs', 3),
      list(
        [
          'zadzwonić na infolinię powiatu do godz. 15.00 dnia poprzedniego,',
          'podać przystanek początkowy i docelowy oraz godzinę,',
          'odebrać SMS z potwierdzeniem i godziną odjazdu.',
        ],
        true,
      ),
      p(
        'Bilet kosztuje tyle, co w zwykłym autobusie. Seniorzy po 70. roku życia jeżdżą za darmo. Przez pierwsze dwa tygodnie z usługi skorzystało **ponad 400 osób**, najczęściej w drodze do ośrodka zdrowia.',
      ),
      p('Starostwo zapowiada, że jeśli zainteresowanie się utrzyma, w przyszłym roku kursy obejmą cały powiat.'),
    ],
  },
  {
    section: 'swiat',
    authors: ['laura-kowalczyk'],
    hoursAgo: 26,
    headline: 'Promy na północy Norwegii będą kursować dłużej. Skorzystają rybacy i turyści',
    lede: 'Lokalne połączenia między wyspami mają działać także po zmroku i w weekendy poza sezonem. Władze regionu chcą w ten sposób zatrzymać odpływ mieszkańców.',
    tags: ['Norwegia', 'transport'],
    lead: {
      motif: 'sea',
      palette: { sky: ['#0b2545', '#8da9c4'], accent: '#134074', dark: '#0b132b', light: '#eef4ed' },
      seed: 601,
      alt: 'Ilustracja: niewielki prom płynący po falach, w tle ciemne góry',
      caption: 'Mniejsze wyspy mają połączenie promowe kilka razy dziennie',
    },
    body: [
      p(
        'Nowy rozkład wejdzie w życie z początkiem roku. Na najważniejszych trasach ostatni prom odpłynie dwie godziny później niż dotąd, a w soboty i niedziele przybędzie po kilka kursów.',
      ),
      p(
        'Samorządowcy od lat alarmowali, że młodzi wyjeżdżają z wysp, bo po zmroku nie da się wrócić z pracy czy szkoły na stałym lądzie. Rybacy skarżyli się z kolei, że nie zdążą na promy z porannym połowem.',
      ),
      quote('Prom to dla nas to samo co dla was tramwaj. Jeśli nie jeździ, życie się zatrzymuje.', 'radna jednej z gmin wyspiarskich, cytowana przez lokalne radio'),
      p('Dodatkowe kursy mają kosztować region kilkadziesiąt milionów koron rocznie. Część pieniędzy pochodzi z opłat za połowy łososia.'),
    ],
  },
  {
    section: 'gospodarka',
    authors: ['agnieszka-wrona'],
    hoursAgo: 31,
    headline: 'Drewniane zabawki z Podkarpacia jadą do czternastu krajów. Rodzinna firma zatrudnia 40 osób',
    lede: 'Zaczynali od kaczki na kółkach wystruganej w garażu. Dziś klocki, układanki i pchacze z małej stolarni trafiają do sklepów od Kanady po Japonię.',
    tags: ['eksport', 'małe firmy'],
    lead: {
      motif: 'blocks',
      palette: PALETTES.gospodarka,
      seed: 302,
      alt: 'Ilustracja: stosy drewnianych klocków i kaczka na kółkach',
      caption: 'Najlepiej sprzedaje się kaczka na kółkach – ten sam wzór od piętnastu lat',
    },
    body: [
      p(
        'Firmę założyło małżeństwo stolarzy, gdy urodziło im się pierwsze dziecko. Zabawki dla syna spodobały się znajomym, potem klientom targów rękodzieła, a w końcu zagranicznym hurtownikom.',
      ),
      p(
        'Drewno pochodzi z lasów w promieniu stu kilometrów, a farby są na bazie wody. Certyfikaty bezpieczeństwa otworzyły drogę do sklepów w Unii, a udział w targach w Norymberdze – do klientów z Azji i Ameryki Północnej.',
      ),
      quote('Nie chcemy być najtańsi. Chcemy, żeby klocki przeszły z rodzeństwa na rodzeństwo, a potem na wnuki.', 'współwłaścicielka firmy'),
      p('Eksport stanowi już trzy czwarte sprzedaży. W przyszłym roku firma chce otworzyć drugą halę i zatrudnić kolejne dziesięć osób.'),
    ],
  },
  {
    section: 'kultura',
    authors: ['bartosz-lipinski'],
    hoursAgo: 38,
    headline: 'Fredro w polskim języku migowym. Teatr gra „Zemstę” z tłumaczami na scenie',
    lede: 'Tłumacze PJM nie stoją z boku sceny, tylko grają razem z aktorami. Na pierwsze przedstawienia bilety wyprzedały się w kilka godzin.',
    tags: ['teatr', 'dostępność'],
    lead: {
      motif: 'stage',
      palette: PALETTES.kultura,
      seed: 402,
      alt: 'Ilustracja: scena teatralna z kurtyną i dwiema postaciami w świetle reflektora',
      caption: 'Każda postać ma na scenie swojego tłumacza-cienia',
    },
    body: [
      p(
        'Reżyserka zaprosiła do współpracy Głuchych konsultantów już na etapie prób czytanych. Każdy z aktorów ma na scenie swojego „cienia” – tłumacza, który porusza się razem z nim i oddaje w migach nie tylko słowa, ale też charakter postaci.',
      ),
      p(
        'Rymowany wiersz Fredry był największym wyzwaniem. Tłumacze szukali odpowiedników dla gier słownych, a część żartów przenieśli do gestów i mimiki, zrozumiałych także dla słyszącej widowni.',
      ),
      quote('Pierwszy raz byłam w teatrze z moją mamą, która jest Głucha, i obie śmiałyśmy się w tych samych momentach.', 'widzka po premierze'),
      p('Teatr zapowiada, że spektakl będzie grany raz w miesiącu, a przedstawienia z audiodeskrypcją dla osób niewidomych pojawią się od wiosny.'),
    ],
  },
  {
    section: 'sport',
    authors: ['bartosz-lipinski'],
    hoursAgo: 45,
    headline: 'Biegacze narciarscy czekają na mróz. Trasy w Górach Izerskich przygotowane tylko częściowo',
    lede: 'Na razie można biegać na pętli ze sztucznego śniegu, która ma niespełna trzy kilometry. Organizatorzy zimowych zawodów już myślą o planie awaryjnym.',
    tags: ['narciarstwo biegowe', 'zima'],
    lead: {
      motif: 'mountains',
      palette: { sky: ['#023e8a', '#90e0ef'], accent: '#0077b6', dark: '#03045e', light: '#ffffff' },
      seed: 502,
      alt: 'Ilustracja: ośnieżone szczyty, na pierwszym planie dwa równoległe ślady nart',
      caption: 'Na pełne otwarcie tras potrzeba kilku dni mrozu i opadów śniegu',
    },
    body: [
      p(
        'Armatki śnieżne pracują tylko wtedy, gdy temperatura spada poniżej minus trzech stopni. W tym roku takich nocy było dotąd niewiele, dlatego przygotowano jedną, krótszą pętlę przy stadionie biathlonowym.',
      ),
      p(
        'Mimo to w weekend na trasach pojawiło się kilkuset biegaczy. Wypożyczalnie sprzętu mówią o rekordowym zainteresowaniu kursami dla początkujących.',
      ),
      quote('Biegówki to sport dla każdego. Wystarczy godzina z instruktorem, żeby złapać rytm.', 'instruktor jednej ze szkółek narciarskich'),
      p('Prognozy na przyszły tydzień zapowiadają ochłodzenie. Jeśli się sprawdzą, pozostałe trasy mają być gotowe przed świętami.'),
    ],
  },
  {
    section: 'swiat',
    authors: ['laura-kowalczyk'],
    hoursAgo: 52,
    headline: 'Rozmowy klimatyczne bez porozumienia w sprawie funduszu na adaptację',
    lede: 'Delegacje ponad stu państw nie uzgodniły, kto i ile ma wpłacać do wspólnego funduszu. Rozmowy mają wrócić za pół roku.',
    tags: ['klimat', 'dyplomacja'],
    lead: {
      motif: 'globe',
      palette: { sky: ['#1b4332', '#52b788'], accent: '#f4a261', dark: '#081c15', light: '#fefae0' },
      seed: 602,
      alt: 'Ilustracja: globus z siatką południków i przerywanymi trasami między kontynentami',
      caption: 'Fundusz adaptacyjny ma pomóc najbiedniejszym krajom przygotować się na skutki zmian klimatu',
    },
    body: [
      p(
        'Spór dotyczył przede wszystkim tego, czy do funduszu mają dokładać się także duże gospodarki rozwijające się. Kraje najbardziej narażone na susze i powodzie domagały się jasnego harmonogramu wpłat.',
      ),
      p('Dyplomaci podkreślają, że udało się uzgodnić zasady raportowania i wspólną definicję strat. Zasadnicza kwestia – pieniądze – pozostała jednak otwarta.'),
      quote('Wyjeżdżamy z kompromisem, który niczego nie rozwiązuje, ale też niczego nie zamyka.', 'jeden z negocjatorów, proszący o anonimowość'),
    ],
  },
  {
    section: 'kraj',
    authors: ['michal-sobczak'],
    hoursAgo: 60,
    headline: 'Remont bulwarów nad Wisłą ruszył. Spacerowicze wrócą nad rzekę wiosną',
    lede: 'Przez zimę nadbrzeże będzie placem budowy. Powstaną nowe schody do wody, oświetlenie i ścieżka rowerowa oddzielona od pieszych.',
    tags: ['inwestycje', 'Wisła'],
    lead: {
      motif: 'skyline',
      palette: { sky: ['#6d597a', '#e56b6f'], accent: '#ffd166', dark: '#355070', light: '#fff1e6' },
      seed: 203,
      alt: 'Ilustracja: panorama miasta o zachodzie słońca, z oświetlonymi oknami',
      caption: 'Prace obejmą ponad kilometr nadbrzeża między mostami',
    },
    body: [
      p(
        'Wykonawca ogrodził już pierwszy odcinek i zaczął rozbierać stare płyty chodnikowe. Przejście wzdłuż rzeki będzie zamknięte do kwietnia, objazd prowadzi ulicami równoległymi do nabrzeża.',
      ),
      p('Projekt powstał po konsultacjach z mieszkańcami. Najwięcej głosów zebrały pomysły **ławek z oparciami**, poidełek i miejsca na letnie koncerty.'),
      p('Miasto zapewnia, że drzewa rosnące przy bulwarach zostaną, a w miejsce kilku chorych topoli posadzi się dęby i lipy.'),
    ],
  },
]

// ---------------------------------------------------------------------------------------
// Pages

export const PAGES: DemoPage[] = [
  {
    slug: 'o-nas',
    headline: 'O nas',
    lede: 'Depesza to serwis informacyjny, który pokazuje, jak pracuje nowoczesna polska redakcja.',
    body: [
      p(
        'Piszemy o sprawach z kraju i ze świata, o gospodarce, kulturze i sporcie. Teksty agencyjne tłumaczymy i sprawdzamy przed publikacją, a każdy błąd poprawiamy jawnie – z notą „Sprostowanie” lub „Aktualizacja” pod artykułem.',
      ),
      h('Jak pracujemy'),
      list([
        'Każdy tekst czyta przed publikacją druga osoba.',
        'Zawsze podajemy źródło: własne ustalenia, agencję albo inną redakcję.',
        'Podpisujemy zdjęcia i ilustracje, a ich autorów wymieniamy z nazwiska.',
        'Serwis da się czytać bez JavaScriptu, także na wolnym łączu.',
      ]),
      h('To jest serwis demonstracyjny'),
      p(
        '_Wszystkie artykuły, osoby i cytaty w tej wersji serwisu są zmyślone_ na potrzeby pokazu platformy Depesza; zbieżność nazwisk i zdarzeń jest przypadkowa. Ilustracje wygenerowała redakcja, nie są to zdjęcia prawdziwych miejsc ani ludzi.',
      ),
    ],
  },
  {
    slug: 'kontakt',
    headline: 'Kontakt',
    lede: 'Masz temat, uwagę do tekstu albo zauważyłeś błąd? Napisz do nas.',
    body: [
      p('**Redakcja Depeszy**'),
      p('ul. Przykładowa 12, 00-950 Warszawa'),
      p('Telefon: +48 22 000 00 00 (dni robocze, 9–17)'),
      p('E-mail: [redakcja@depesza.example](mailto:redakcja@depesza.example)'),
      p('Sprostowania rozpatrujemy niezwłocznie. W zgłoszeniu podaj adres artykułu i fragment, którego dotyczy uwaga.'),
    ],
  },
]
