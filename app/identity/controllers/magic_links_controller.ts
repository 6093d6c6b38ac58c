import { mailedLinksController } from './mailed_link_pages.js'

/** Sign-in links: asked for on the sign-in page, spent by the button on the page they open */
export default mailedLinksController('sign_in')
