/**
 * @module
 * Relevance queries over the fixture stories: what a reader types (inflected
 * forms, no Polish letters, names, phrases) and the stories that must be in the
 * top five. Written for this project together with stories.ts.
 */

export interface RelevanceQuery {
  readonly q: string
  /** Keys of stories (stories.ts) that must be among the first five results. */
  readonly expect: readonly string[]
  /** What the query exercises. */
  readonly kind: 'inflection' | 'no-diacritics' | 'name' | 'phrase' | 'multi-word' | 'ranking'
}

export const QUERIES: readonly RelevanceQuery[] = [
  // Inflected forms of a word in the story.
  { q: 'Iraku', expect: ['irak-wojska', 'al-sudani'], kind: 'inflection' },
  { q: 'Irakiem', expect: ['irak-wojska'], kind: 'inflection' },
  { q: 'wojny', expect: ['ukraina-front'], kind: 'inflection' },
  { q: 'żołnierzy', expect: ['podlasie-zolnierz', 'irak-wojska'], kind: 'inflection' },
  { q: 'budżetu', expect: ['sejm-budzet'], kind: 'inflection' },
  { q: 'inflacji', expect: ['inflacja-gus', 'nbp-stopy'], kind: 'inflection' },
  { q: 'powodzi', expect: ['wisla-powodz'], kind: 'inflection' },
  { q: 'Wisły', expect: ['wisla-powodz'], kind: 'inflection' },
  { q: 'Łodzi', expect: ['lodz-kino'], kind: 'inflection' },
  { q: 'lekarzy', expect: ['szpitale-lekarze'], kind: 'inflection' },
  { q: 'szpitalach', expect: ['szpitale-lekarze'], kind: 'inflection' },
  { q: 'maturze', expect: ['szkoly-matura'], kind: 'inflection' },
  { q: 'matematyki', expect: ['szkoly-matura'], kind: 'inflection' },
  { q: 'siatkarzy', expect: ['siatkowka'], kind: 'inflection' },
  { q: 'skoczków', expect: ['skoki'], kind: 'inflection' },
  { q: 'powieścią', expect: ['tokarczuk'], kind: 'inflection' },
  { q: 'satelity', expect: ['satelita'], kind: 'inflection' },
  { q: 'pociągów', expect: ['pociagi'], kind: 'inflection' },
  { q: 'autostradą', expect: ['autostrada'], kind: 'inflection' },
  { q: 'rolników', expect: ['rolnicy'], kind: 'inflection' },
  { q: 'pszczół', expect: ['pszczoly'], kind: 'inflection' },
  { q: 'wilków', expect: ['wilki'], kind: 'inflection' },
  { q: 'bezrobocia', expect: ['bezrobocie'], kind: 'inflection' },
  { q: 'mieszkań', expect: ['mieszkania'], kind: 'inflection' },
  { q: 'rękopisów', expect: ['biblioteka'], kind: 'inflection' },
  { q: 'rowerzysty', expect: ['rowerzysta'], kind: 'inflection' },
  { q: 'strażaków', expect: ['pozar-lasu', 'wisla-powodz'], kind: 'inflection' },
  { q: 'metrem', expect: ['warszawa-metro'], kind: 'inflection' },
  { q: 'turystom', expect: ['tatry'], kind: 'inflection' },
  { q: 'szczepionkami', expect: ['szczepienia'], kind: 'inflection' },

  // Typed without Polish letters.
  { q: 'zolnierzy', expect: ['podlasie-zolnierz', 'irak-wojska'], kind: 'no-diacritics' },
  { q: 'budzetu', expect: ['sejm-budzet'], kind: 'no-diacritics' },
  { q: 'Lodz festiwal', expect: ['lodz-kino'], kind: 'no-diacritics' },
  { q: 'Gdansku', expect: ['gdansk-port'], kind: 'no-diacritics' },
  { q: 'powiesci Tokarczuk', expect: ['tokarczuk'], kind: 'no-diacritics' },
  { q: 'pociagi do Krakowa', expect: ['pociagi'], kind: 'no-diacritics' },
  { q: 'ceny pradu', expect: ['ceny-pradu'], kind: 'no-diacritics' },
  { q: 'rolnikow zboze', expect: ['rolnicy'], kind: 'no-diacritics' },
  { q: 'pszczoly', expect: ['pszczoly'], kind: 'no-diacritics' },
  { q: 'trzesienie ziemi Turcja', expect: ['turcja-trzesienie'], kind: 'no-diacritics' },
  { q: 'skoczkow narciarskich', expect: ['skoki'], kind: 'no-diacritics' },
  { q: 'stop procentowych', expect: ['nbp-stopy'], kind: 'no-diacritics' },
  { q: 'pozaru lasu', expect: ['pozar-lasu'], kind: 'no-diacritics' },
  { q: 'Zielona Gora', expect: ['pozar-lasu'], kind: 'no-diacritics' },

  // Names (some unknown to the dictionary).
  { q: 'al-Sudaniego', expect: ['al-sudani'], kind: 'name' },
  { q: 'Sudaniego', expect: ['al-sudani'], kind: 'name' },
  { q: 'Zelenskiego', expect: ['zelenski'], kind: 'name' },
  { q: 'Zełenskim', expect: ['zelenski'], kind: 'name' },
  { q: 'Lewandowskiego', expect: ['reprezentacja-mecz'], kind: 'name' },
  { q: 'Matejki', expect: ['matejko-wystawa'], kind: 'name' },
  { q: 'Moniuszki', expect: ['halka'], kind: 'name' },
  { q: 'Orlenu', expect: ['orlen'], kind: 'name' },
  { q: 'Bieszczadach', expect: ['wilki'], kind: 'name' },

  // Phrases.
  { q: '"strefy czystego transportu"', expect: ['krakow-smog'], kind: 'phrase' },
  { q: '"stopy procentowe"', expect: ['nbp-stopy'], kind: 'phrase' },
  { q: '"sztucznej inteligencji"', expect: ['ai-uczelnie'], kind: 'phrase' },
  { q: '"Strefie Gazy"', expect: ['gaza-rozejm'], kind: 'phrase' },
  { q: '"obrony powietrznej"', expect: ['zelenski'], kind: 'phrase' },
  { q: '"trzęsienia ziemi"', expect: ['turcja-trzesienie'], kind: 'phrase' },

  // Several words.
  { q: 'reprezentacji Polski Holandia', expect: ['reprezentacja-mecz'], kind: 'multi-word' },
  { q: 'smogu w Krakowie', expect: ['krakow-smog'], kind: 'multi-word' },
  { q: 'portu w Gdańsku kontenery', expect: ['gdansk-port'], kind: 'multi-word' },
  { q: 'obrazów Matejki w muzeum', expect: ['matejko-wystawa'], kind: 'multi-word' },
  { q: 'farm wiatrowych na Bałtyku', expect: ['wiatraki-baltyk'], kind: 'multi-word' },
  { q: 'wyborach samorządowych frekwencja', expect: ['wybory-samorzadowe'], kind: 'multi-word' },
  { q: 'weta prezydenta ustawa o mediach', expect: ['prezydent-weto'], kind: 'multi-word' },
  { q: 'kanclerza Niemiec w Warszawie', expect: ['kanclerz-niemcy'], kind: 'multi-word' },
  { q: 'wyborów w USA', expect: ['usa-wybory'], kind: 'multi-word' },
  { q: 'eksport samochodów elektrycznych', expect: ['chiny-auta'], kind: 'multi-word' },
  { q: 'kredytów hipotecznych', expect: ['mieszkania'], kind: 'multi-word' },
  { q: 'opery Moniuszki premiera', expect: ['halka'], kind: 'multi-word' },
  { q: 'szczepień przeciw grypie', expect: ['szczepienia'], kind: 'multi-word' },
  { q: 'turystów w Tatrach', expect: ['tatry'], kind: 'multi-word' },
  { q: 'uczelniach studentów', expect: ['ai-uczelnie'], kind: 'multi-word' },
  { q: 'wycofania wojsk z Iraku', expect: ['irak-wojska'], kind: 'multi-word' },
  // Not every word of the query is in the story ("wiatraki": the story says "farmy wiatrowe").
  { q: 'Baltyk wiatraki', expect: ['wiatraki-baltyk'], kind: 'multi-word' },

  // Common words found in many stories: the ones about it (headline, lede) must come first.
  { q: 'Warszawa', expect: ['warszawa-metro', 'wisla-powodz', 'pociagi', 'kanclerz-niemcy'], kind: 'ranking' },
  { q: 'wybory', expect: ['usa-wybory', 'wybory-samorzadowe'], kind: 'ranking' },
  { q: 'prąd', expect: ['ceny-pradu', 'wiatraki-baltyk'], kind: 'ranking' },
  { q: 'energii', expect: ['ceny-pradu'], kind: 'ranking' },
  { q: 'prezydenta', expect: ['prezydent-weto'], kind: 'ranking' },
  { q: 'kolei', expect: ['pociagi', 'kanclerz-niemcy'], kind: 'ranking' },
  { q: 'strażacy', expect: ['pozar-lasu'], kind: 'ranking' },
  { q: 'Ukrainy', expect: ['ukraina-front', 'zelenski'], kind: 'ranking' },
]
