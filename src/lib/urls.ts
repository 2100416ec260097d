/** Every URL of the site, built in one place (pages, search results, reports, links). */
export const urls = {
  home: () => '/',
  track: (id: string) => `/tracks/${id}/`,
  workflow: (id: string) => `/workflows/${id}/`,
  step: (workflow: string, step: string) => `/workflows/${workflow}/#step-${step}`,
  standards: () => '/standards/',
  standard: (id: string) => `/standards/#${id}`,
  scripts: () => '/scripts/',
  script: (id: string) => `/scripts/#${id}`,
  quizzes: () => '/quizzes/',
  quiz: (id: string) => `/quizzes/${id}/`,
  chats: () => '/chat/',
  chat: (id: string) => `/chat/${id}/`,
  calculator: () => '/tools/assessment/',
};
