// GOV.UK Frontend is an ES module: initialise every component once it has loaded. Pages work
// without JavaScript; this only adds behaviour (the header menu, the error summary focus).
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
