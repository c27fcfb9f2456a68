// The playground page's entry (bundled to web/public/app.js by web/build.ts).
import { setupApiKey } from './api-key.ts';
import { setupCleanTab } from './clean-tab.ts';
import { setupDescribeTab } from './describe-tab.ts';
import { byId } from './dom.ts';
import { watchReadiness } from './readiness.ts';
import { setupTabs } from './tabs.ts';

setupApiKey();
setupTabs(byId('main').querySelector<HTMLElement>('[role="tablist"]')!);
setupCleanTab();
setupDescribeTab();
watchReadiness();
