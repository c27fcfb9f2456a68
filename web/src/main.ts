// The playground page's entry (bundled to web/public/app.js by web/build.ts).
import { setupCleanTab } from './clean-tab.ts';
import { setupDescribeTab } from './describe-tab.ts';
import { byId } from './dom.ts';
import { watchReadiness } from './readiness.ts';
import { setupTabs } from './tabs.ts';

setupTabs(byId('main').querySelector<HTMLElement>('[role="tablist"]')!);
setupCleanTab();
setupDescribeTab();
watchReadiness();
