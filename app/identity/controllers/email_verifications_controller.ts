import { mailedLinksController } from './mailed_link_pages.js'

/** Links that prove an address: mailed at sign-up or on request, spent by the button on their page */
export default mailedLinksController('verify_email')
